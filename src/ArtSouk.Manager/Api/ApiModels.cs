using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Manager.Api;

/// <summary>A content type as <c>/api/v1/content-types</c> describes it. The API models are public only because component parameters must be.</summary>
public sealed record ContentTypeModel(
    string Name,
    LocalizedText Label,
    LocalizedText Plural,
    string Route,
    string TitleField,
    IReadOnlyList<string> RequiredLocales,
    IReadOnlyList<FieldModel> Fields)
{
    public FieldModel? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The public site path of an entry, as the CMS builds it.</summary>
    public string SitePath(string locale, string slug) => Route.Length == 0 ? $"/{locale}/{slug}" : $"/{locale}/{Route}/{slug}";
}

public sealed record FieldModel(
    string Name,
    [property: JsonConverter(typeof(FieldKindConverter))] string Kind,
    LocalizedText Label,
    LocalizedText? Help,
    bool Localized,
    bool Required,
    bool Many,
    bool Sortable,
    FieldRules? Validation,
    IReadOnlyList<string>? To,
    IReadOnlyList<OptionModel>? Options,
    IReadOnlyList<string>? Blocks);

public sealed record FieldRules(int? MinLength, int? MaxLength, decimal? Min, decimal? Max, string? Pattern, int? MinItems, int? MaxItems);

public sealed record OptionModel(string Value, LocalizedText Label);

/// <summary>Field kinds as content-types/*.json spells them.</summary>
// CA1720: the kinds are named exactly as content-types/*.json spells them ("integer", "decimal").
#pragma warning disable CA1720
public static class FieldKinds
{
    public const string Text = "text";
    public const string RichText = "richtext";
    public const string Integer = "integer";
    public const string Decimal = "decimal";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string DateTime = "datetime";
    public const string Enum = "enum";
    public const string Media = "media";
    public const string Reference = "reference";
    public const string Blocks = "blocks";
    public const string Location = "location";

    /// <summary>The CMS's enum order, for an API that writes the kind as its number.</summary>
    public static readonly string[] InEnumOrder = [Text, RichText, Integer, Decimal, Boolean, Date, DateTime, Enum, Media, Reference, Blocks, Location];
}
#pragma warning restore CA1720

/// <summary>Accepts the kind as a name or as the CMS enum's number, so the manager reads either shape of the API.</summary>
internal sealed class FieldKindConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) && n >= 0 && n < FieldKinds.InEnumOrder.Length
            ? FieldKinds.InEnumOrder[n]
            : (reader.GetString() ?? FieldKinds.Text).ToLowerInvariant();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>A content type as the sidebar names it.</summary>
public sealed record NavType(string Name, LocalizedText Plural);

/// <summary>A list screen's prerendered page, kept for the interactive render of the same query.</summary>
public sealed record ListSnapshot(string Key, ContentTypeModel Type, Page<EntryModel> Page)
{
    public static ListSnapshot? IfSmall(ListSnapshot snapshot) => Snapshots.Small(snapshot) ? snapshot : null;
}

/// <summary>The dashboard's prerendered answer, kept for its interactive render.</summary>
public sealed record DashboardSnapshot(IReadOnlyList<ContentTypeModel> Types, DashboardModel Board)
{
    public static DashboardSnapshot? IfSmall(DashboardSnapshot snapshot) => Snapshots.Small(snapshot) ? snapshot : null;
}

/// <summary>
/// Prerendered state travels back to the server inside the circuit's first hub message, so it must stay well under
/// the hub's message limit (raised to 256 KB for it); a bigger page is fetched again instead of breaking the circuit.
/// </summary>
internal static class Snapshots
{
    public const int MaxBytes = 96 * 1024;

    public static bool Small<T>(T snapshot) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snapshot, ManagerApi.Json).Length <= MaxBytes;

    /// <summary>The snapshot if it is small enough to carry into the circuit, else nothing (the screen asks again).</summary>
    public static T? IfSmall<T>(T snapshot) where T : class => Small(snapshot) ? snapshot : null;
}

/// <summary>An entry as an editor sees it: all locales, with publication and translation status per locale.</summary>
public sealed record EntryModel(
    Guid Id,
    string Type,
    int Version,
    JsonObject Slug,
    JsonObject Fields,
    IReadOnlyDictionary<string, LocaleStatusModel> Status,
    DateTimeOffset? PublishAt,
    DateTimeOffset? UnpublishAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ReviewModel? Review = null)
{
    public LocaleStatusModel StatusIn(string locale) => Status.TryGetValue(locale, out var s) ? s : LocaleStatusModel.Unknown;

    public string? SlugIn(string locale) => Slug[locale]?.GetValueKind() == JsonValueKind.String ? Slug[locale]!.GetValue<string>() : null;

    /// <summary>The entry's title in <paramref name="locale"/>, else in the other locale, else its id.</summary>
    public string Title(ContentTypeModel type, string locale) =>
        Text(type.TitleField, locale) ?? Text(type.TitleField, Locales.Other(locale)) ?? SlugIn(locale) ?? Id.ToString()[..8];

    public string? Text(string field, string locale) =>
        Fields[field] switch
        {
            JsonObject localized when localized[locale] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0 => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        };

    public bool LiveAnywhere => Status.Values.Any(s => s.Published);
}

/// <summary><c>GET /api/v1/manage/dashboard</c>: each list already limited to what the signed-in user may touch.</summary>
public sealed record DashboardModel(
    IReadOnlyList<DashboardEntryModel> MyDrafts,
    IReadOnlyList<DashboardEntryModel> InReview,
    IReadOnlyList<DashboardEntryModel> Scheduled,
    IReadOnlyList<DashboardEntryModel> ScheduleFailures,
    IReadOnlyList<TranslationGapModel> Translations,
    IReadOnlyList<AuditItemModel> RecentActivity);

/// <summary>An entry as a dashboard line; <see cref="Title"/> is already in the request's language (or the other one).</summary>
public sealed record DashboardEntryModel(
    Guid Id, string Type, string? Title, int Version, DateTimeOffset UpdatedAt, DateTimeOffset? PublishAt, DateTimeOffset? UnpublishAt,
    int? ScheduledVersion, ScheduleFailureModel? ScheduleFailure, ReviewModel? Review);

public sealed record ScheduleFailureModel(DateTimeOffset At, string Reason);

/// <summary>An owner's save waiting for (<c>in_review</c>) or decided by a curator (<c>rejected</c> with its comment, <c>approved</c>).</summary>
public sealed record ReviewModel(string State, string? Comment, string? By, DateTimeOffset? At, int Version)
{
    public const string InReview = "in_review";
    public const string Rejected = "rejected";
}

/// <summary><c>GET /api/v1/manage/rights</c>, as far as the manager reads it: whether the caller may review owners' saves.</summary>
public sealed record RightsModel(bool Review, IReadOnlyList<TypeRightsModel>? Types = null);

/// <summary>What the caller may do with one content type; <c>waitsForReview</c>: their saves go to a curator first.</summary>
public sealed record TypeRightsModel(string Type, bool Publish, bool WaitsForReview);

/// <summary>Per locale, the required fields still empty and the fields whose other-locale value changed since.</summary>
public sealed record TranslationGapModel(Guid Id, string Type, string? Title, IReadOnlyDictionary<string, LocaleGapModel> Locales);

public sealed record LocaleGapModel(IReadOnlyList<string> Missing, IReadOnlyList<string> Outdated);

/// <summary>One audit record as <c>/api/v1/manage/audit</c> and the dashboard's recent activity answer it.</summary>
public sealed record AuditItemModel(
    string Id, string Module, DateTimeOffset At, string? UserId, string? UserName, string Action, string EntityType, string EntityId, JsonNode? Changes);

public sealed record LocaleStatusModel(bool Published, int? PublishedVersion, DateTimeOffset? PublishedAt, IReadOnlyList<string> MissingFields, IReadOnlyList<string> OutdatedFields)
{
    public static readonly LocaleStatusModel Unknown = new(false, null, null, [], []);

    public bool Complete => MissingFields.Count == 0;

    public bool Outdated => OutdatedFields.Count > 0;
}

public sealed record VersionModel(int Number, DateTimeOffset CreatedAt, string? Author, string? Note);

public sealed record FieldChangeModel(string Field, string? Locale, JsonNode? Before, JsonNode? After);

public sealed record MediaModel(Guid Id, string Url, string FileName, string ContentType, int Width, int Height, long Length, JsonNode? Alt, DateTimeOffset CreatedAt)
{
    /// <summary>Alt text in a locale; the API has sent it as an object, or as that object serialized into a string.</summary>
    public string AltIn(string locale)
    {
        var alt = Alt;
        if (alt is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            try
            {
                alt = text.StartsWith('{') ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                return text;
            }
            if (alt is null)
            {
                return text;
            }
        }
        return alt is JsonObject o ? (o[locale] ?? o[Locales.Other(locale)])?.ToString() ?? "" : "";
    }
}

/// <summary><c>GET /api/v1/me/two-factor</c>; <see cref="RecoveryCodes"/> only right after they were made.</summary>
public sealed record TwoFactorStateModel(bool TwoFactorEnabled, int RecoveryCodesLeft, IReadOnlyList<string>? RecoveryCodes);

public sealed record AuthenticatorSetupModel(string SharedKey, string AuthenticatorUri);

public sealed record UserModel(Guid Id, string Email, string DisplayName, string Locale, IReadOnlyList<string> Roles);

public sealed record ApiKeyModel(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record CreatedApiKeyModel(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key);

/// <summary>One logged POST of an event to a webhook (<c>GET /api/v1/manage/webhooks/{id}/deliveries</c>).</summary>
public sealed record WebhookAttemptModel(Guid Id, Guid DeliveryId, string Event, int? StatusCode, bool Succeeded, int DurationMs, string? Error,
    DateTimeOffset AttemptedAt, bool Replay);

/// <summary>
/// An entry as <c>GET /api/v1/manage/search/entries</c> finds it (snippet is HTML with the matches in mark, encoded by the API);
/// <c>states</c> are draft or published, and scheduled, in_review, rejected, schedule_failed, most pressing first.
/// </summary>
public sealed record SearchMatchModel(Guid Id, string Type, string Slug, string Title, string Snippet, double Score, string Url,
    string State, IReadOnlyList<string> States, string EditUrl, string? Alternate = null);

public sealed record SearchMatchesModel(IReadOnlyList<SearchMatchModel> Items, int Total, string? Next);

/// <summary>The search index as <c>GET /api/v1/manage/search</c> shows it: state is idle, running, done or failed.</summary>
public sealed record SearchIndexModel(string Provider, long? Documents, string State, int Indexed, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    SearchIndexModel? Editors = null);

public sealed record WebhookModel(Guid Id, string Name, string Url, IReadOnlyList<string> Events, IReadOnlyList<string> Types, DateTimeOffset CreatedAt, string? Secret);

public sealed record TokenModel(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] long ExpiresIn);

/// <summary>An <c>application/problem+json</c> answer; its title and detail are already in the user's language.</summary>
public sealed record ApiProblem(int Status, string? Code, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public string Message => string.IsNullOrWhiteSpace(Detail) ? Title : Detail;

    /// <summary>Messages for one field, matched by its name or a path under it (<c>fields.name.ar</c>, <c>name.en</c>, <c>body[2].text</c>).</summary>
    public IEnumerable<string> For(string field, string? locale = null) =>
        Errors.Where(e => Matches(e.Key, field, locale)).SelectMany(e => e.Value);

    private static bool Matches(string key, string field, string? locale)
    {
        var path = key.StartsWith("fields.", StringComparison.OrdinalIgnoreCase) ? key["fields.".Length..] : key;
        if (!path.StartsWith(field, StringComparison.Ordinal) || (path.Length > field.Length && path[field.Length] is not ('.' or '[')))
        {
            return false;
        }
        var rest = path[field.Length..];
        return locale is null || rest.Length == 0 || rest.StartsWith("." + locale, StringComparison.Ordinal) || !(rest.StartsWith(".ar", StringComparison.Ordinal) || rest.StartsWith(".en", StringComparison.Ordinal));
    }
}

/// <summary>A draft's preview link on the public site: <c>/preview/{token}</c>, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record PreviewLinkModel(string Url, DateTimeOffset ExpiresAt);

/// <summary>What an API call gave: a value or a problem.</summary>
public sealed record ApiOutcome<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}
