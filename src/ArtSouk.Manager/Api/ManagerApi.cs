using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Kernel.Json;
using ArtSouk.Manager.Sessions;
using Microsoft.AspNetCore.Components;

namespace ArtSouk.Manager.Api;

/// <summary>
/// The management API as the manager calls it: with the signed-in user's bearer token and their language, so the
/// API's own rules (roles, ownership, review, validation) and its bilingual problems reach the user unchanged.
/// </summary>
internal sealed partial class ManagerApi(IHttpClientFactory clients, ApiAddress address, ManagerSession session, NavigationManager navigation)
{
    public const string ClientName = "ArtSouk.Manager.Api";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JsonText.Encoder };

    // Content model ------------------------------------------------------------------------------------------------

    public async Task<ApiOutcome<IReadOnlyList<ContentTypeModel>>> ContentTypesAsync(CancellationToken ct = default)
    {
        var page = await SendAsync<Page<ContentTypeModel>>(HttpMethod.Get, "api/v1/content-types?limit=100", null, ct);
        return new(page.Value?.Items, page.Problem);
    }

    public Task<ApiOutcome<ContentTypeModel>> ContentTypeAsync(string type, CancellationToken ct = default) =>
        SendAsync<ContentTypeModel>(HttpMethod.Get, $"api/v1/content-types/{Uri.EscapeDataString(type)}", null, ct);

    // Entries --------------------------------------------------------------------------------------------------------

    public Task<ApiOutcome<Page<EntryModel>>> EntriesAsync(string type, EntryQuery query, CancellationToken ct = default) =>
        SendAsync<Page<EntryModel>>(HttpMethod.Get, $"api/v1/manage/content/{Uri.EscapeDataString(type)}{query.ToQueryString()}", null, ct);

    public Task<ApiOutcome<EntryModel>> EntryAsync(string type, Guid id, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Get, EntryPath(type, id), null, ct);

    public Task<ApiOutcome<EntryModel>> CreateAsync(string type, JsonObject body, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Post, $"api/v1/manage/content/{Uri.EscapeDataString(type)}", body, ct);

    public Task<ApiOutcome<EntryModel>> SaveAsync(string type, Guid id, JsonObject body, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Put, EntryPath(type, id), body, ct);

    /// <summary>A signed, expiring link to the draft on the public site (the API decides who may have one).</summary>
    public Task<ApiOutcome<PreviewLinkModel>> PreviewLinkAsync(string type, Guid id, string locale, CancellationToken ct = default) =>
        SendAsync<PreviewLinkModel>(HttpMethod.Post, EntryPath(type, id) + "/preview-link", new JsonObject { ["locale"] = locale }, ct);

    public Task<ApiOutcome<EntryModel>> PublishAsync(string type, Guid id, IReadOnlyList<string> locales, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Post, EntryPath(type, id) + "/publish", new JsonObject { ["locales"] = Array(locales) }, ct);

    public Task<ApiOutcome<EntryModel>> UnpublishAsync(string type, Guid id, IReadOnlyList<string> locales, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Post, EntryPath(type, id) + "/unpublish", new JsonObject { ["locales"] = Array(locales) }, ct);

    public Task<ApiOutcome<JsonNode>> DeleteAsync(string type, Guid id, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, EntryPath(type, id), null, ct);

    public Task<ApiOutcome<IReadOnlyList<VersionModel>>> VersionsAsync(string type, Guid id, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<VersionModel>>(HttpMethod.Get, EntryPath(type, id) + "/versions", null, ct);

    public Task<ApiOutcome<IReadOnlyList<FieldChangeModel>>> DiffAsync(string type, Guid id, int from, int to, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<FieldChangeModel>>(HttpMethod.Get, EntryPath(type, id) + $"/diff?from={from}&to={to}", null, ct);

    public Task<ApiOutcome<EntryModel>> RestoreAsync(string type, Guid id, int number, CancellationToken ct = default) =>
        SendAsync<EntryModel>(HttpMethod.Post, EntryPath(type, id) + $"/versions/{number}/restore", null, ct);

    /// <summary><c>POST …/review</c>: <paramref name="decision"/> is <c>approve</c> or <c>reject</c>; a rejection carries the comment its author reads.</summary>
    public Task<ApiOutcome<EntryModel>> ReviewAsync(string type, Guid id, string decision, string? comment, CancellationToken ct = default)
    {
        var body = new JsonObject { ["decision"] = decision };
        if (!string.IsNullOrWhiteSpace(comment))
        {
            body["comment"] = comment.Trim();
        }
        return SendAsync<EntryModel>(HttpMethod.Post, EntryPath(type, id) + "/review", body, ct);
    }

    public Task<ApiOutcome<RightsModel>> RightsAsync(CancellationToken ct = default) =>
        SendAsync<RightsModel>(HttpMethod.Get, "api/v1/manage/rights", null, ct);

    // Dashboard and audit -----------------------------------------------------------------------------------------------

    public Task<ApiOutcome<DashboardModel>> DashboardAsync(int limit = 8, CancellationToken ct = default) =>
        SendAsync<DashboardModel>(HttpMethod.Get, $"api/v1/manage/dashboard?limit={limit}", null, ct);

    /// <summary><c>GET /api/v1/manage/audit</c>: newest first; <paramref name="from"/> and <paramref name="to"/> are UTC instants.</summary>
    public Task<ApiOutcome<Page<AuditItemModel>>> AuditAsync(string? entryId, string? userId, DateTimeOffset? from, DateTimeOffset? to, string? cursor,
        int limit = 50, CancellationToken ct = default)
    {
        var parts = new List<string> { $"limit={limit}" };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
        }
        Add("entryId", entryId);
        Add("userId", userId);
        Add("from", from?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("to", to?.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        return SendAsync<Page<AuditItemModel>>(HttpMethod.Get, "api/v1/manage/audit?" + string.Join('&', parts), null, ct);
    }

    // Media, users, keys, webhooks -------------------------------------------------------------------------------------

    public async Task<ApiOutcome<IReadOnlyList<MediaModel>>> MediaAsync(int limit = 60, CancellationToken ct = default)
    {
        // The library answers a plain array today and may page it as {items, next} like the other lists.
        var outcome = await SendAsync<JsonNode>(HttpMethod.Get, $"api/v1/manage/media?limit={limit}", null, ct);
        var items = outcome.Value switch
        {
            JsonArray array => array,
            JsonObject { } page when page["items"] is JsonArray array => array,
            _ => null,
        };
        return new(items?.Deserialize<List<MediaModel>>(Json), outcome.Problem);
    }

    public async Task<ApiOutcome<MediaModel>> UploadAsync(Stream file, string fileName, string contentType, string altAr, string altEn, CancellationToken ct = default)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        form.Add(new StringContent(altAr), "altAr");
        form.Add(new StringContent(altEn), "altEn");
        return await SendAsync<MediaModel>(HttpMethod.Post, "api/v1/manage/media", form, ct);
    }

    /// <summary><c>GET /api/v1/manage/users</c>; <paramref name="q"/> keeps the accounts whose e-mail or name contains it.</summary>
    public Task<ApiOutcome<Page<UserModel>>> UsersAsync(string? cursor, string? q = null, CancellationToken ct = default) =>
        SendAsync<Page<UserModel>>(HttpMethod.Get, "api/v1/manage/users?limit=100"
            + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))
            + (string.IsNullOrWhiteSpace(q) ? "" : "&q=" + Uri.EscapeDataString(q.Trim())), null, ct);

    public Task<ApiOutcome<UserModel>> SetRolesAsync(Guid id, IReadOnlyList<string> roles, CancellationToken ct = default) =>
        SendAsync<UserModel>(HttpMethod.Put, $"api/v1/manage/users/{id}/roles", new JsonObject { ["roles"] = Array(roles) }, ct);

    public Task<ApiOutcome<IReadOnlyList<ApiKeyModel>>> ApiKeysAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<ApiKeyModel>>(HttpMethod.Get, "api/v1/manage/api-keys", null, ct);

    public Task<ApiOutcome<CreatedApiKeyModel>> CreateApiKeyAsync(string name, IReadOnlyList<string> scopes, CancellationToken ct = default) =>
        SendAsync<CreatedApiKeyModel>(HttpMethod.Post, "api/v1/manage/api-keys", new JsonObject { ["name"] = name, ["scopes"] = Array(scopes) }, ct);

    public Task<ApiOutcome<JsonNode>> RevokeApiKeyAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, $"api/v1/manage/api-keys/{id}", null, ct);

    public Task<ApiOutcome<IReadOnlyList<WebhookModel>>> WebhooksAsync(CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<WebhookModel>>(HttpMethod.Get, "api/v1/manage/webhooks", null, ct);

    public Task<ApiOutcome<WebhookModel>> CreateWebhookAsync(string name, string url, IReadOnlyList<string> events, CancellationToken ct = default) =>
        SendAsync<WebhookModel>(HttpMethod.Post, "api/v1/manage/webhooks", new JsonObject { ["name"] = name, ["url"] = url, ["events"] = Array(events) }, ct);

    public Task<ApiOutcome<JsonNode>> DeleteWebhookAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, $"api/v1/manage/webhooks/{id}", null, ct);

    public Task<ApiOutcome<Page<WebhookAttemptModel>>> WebhookDeliveriesAsync(Guid id, string? cursor, int limit = 25, CancellationToken ct = default) =>
        SendAsync<Page<WebhookAttemptModel>>(HttpMethod.Get,
            $"api/v1/manage/webhooks/{id}/deliveries?limit={limit}" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), null, ct);

    /// <summary>Sends a logged attempt's event to the webhook again, now; the answer is the new attempt.</summary>
    public Task<ApiOutcome<WebhookAttemptModel>> RedeliverWebhookAsync(Guid id, Guid attemptId, CancellationToken ct = default) =>
        SendAsync<WebhookAttemptModel>(HttpMethod.Post, $"api/v1/manage/webhooks/{id}/deliveries/{attemptId}/redeliver", null, ct);

    // Search -----------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Entries of a type the caller may edit, drafts included, through the editors' search (any spelling, either script,
    /// typos), for the list's search; a type search does not cover answers with a problem, and the list falls back to its
    /// own match on slugs.
    /// </summary>
    public Task<ApiOutcome<SearchMatchesModel>> SearchEntriesAsync(string type, string q, string locale, string? state, string? cursor, int limit,
        CancellationToken ct = default) =>
        SendAsync<SearchMatchesModel>(HttpMethod.Get,
            $"api/v1/manage/search/entries?q={Uri.EscapeDataString(q)}&type={Uri.EscapeDataString(type)}&locale={Uri.EscapeDataString(locale)}&limit={limit}"
            + (state is null ? "" : "&state=" + Uri.EscapeDataString(state)) + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), null, ct);

    public Task<ApiOutcome<SearchIndexModel>> SearchIndexAsync(CancellationToken ct = default) =>
        SendAsync<SearchIndexModel>(HttpMethod.Get, "api/v1/manage/search", null, ct);

    /// <summary>Starts a rebuild beside the live index (search keeps serving); the answer is the progress to poll.</summary>
    public Task<ApiOutcome<SearchIndexModel>> ReindexAsync(CancellationToken ct = default) =>
        SendAsync<SearchIndexModel>(HttpMethod.Post, "api/v1/manage/search/reindex", null, ct);

    // Accounts -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Exchanges credentials for a token; a <c>two_factor_required</c> problem asks for the code. <paramref name="client"/>
    /// is the browser's address, sent as <c>X-Forwarded-For</c> so the API's sign-in rate limit counts each browser, not
    /// the manager's single loopback address (the API trusts that header from loopback only).
    /// </summary>
    public Task<ApiOutcome<TokenModel>> TokenAsync(string email, string password, string? twoFactorCode, IPAddress? client = null, CancellationToken ct = default)
    {
        var body = new JsonObject { ["email"] = email, ["password"] = password };
        if (!string.IsNullOrWhiteSpace(twoFactorCode))
        {
            body["twoFactorCode"] = twoFactorCode.Trim();
        }
        return SendAsync<TokenModel>(HttpMethod.Post, "api/v1/auth/token", body, null, true, client, ct);
    }

    public Task<ApiOutcome<UserModel>> MeAsync(string accessToken, CancellationToken ct = default) =>
        SendAsync<UserModel>(HttpMethod.Get, "api/v1/me", null, accessToken, true, ct);

    /// <summary>
    /// Whether the API still takes <paramref name="accessToken"/>: <c>false</c> on a 401 (revoked or expired), <c>null</c>
    /// when the API could not be asked; and whether the account should enrol an authenticator and has not. Never
    /// navigates: it runs before any page, while the cookie is read.
    /// </summary>
    public async Task<(bool? Alive, bool TwoFactorMissing)> SessionAsync(string accessToken, CancellationToken ct = default)
    {
        var me = await SendAsync<JsonNode>(HttpMethod.Get, "api/v1/me", null, accessToken, false, ct);
        return me.Problem switch
        {
            null => (true, me.Value?["twoFactorRequired"]?.GetValue<bool>() == true && me.Value?["twoFactorEnabled"]?.GetValue<bool>() == false),
            { Status: 401 } => (false, false),
            _ => (null, false),
        };
    }

    /// <summary>Remembers the language on the account where the API lets it; an API without <c>PUT /me</c> is not an error.</summary>
    public Task<ApiOutcome<JsonNode>> SaveLocaleAsync(string accessToken, string locale, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Put, "api/v1/me", new JsonObject { ["locale"] = locale }, accessToken, false, ct);

    public Task<ApiOutcome<JsonNode>> ForgotPasswordAsync(string email, IPAddress? client = null, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Post, "api/v1/auth/forgot-password", new JsonObject { ["email"] = email }, null, true, client, ct);

    public Task<ApiOutcome<JsonNode>> ResetPasswordAsync(string email, string resetToken, string newPassword, IPAddress? client = null, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Post, "api/v1/auth/reset-password",
            new JsonObject { ["email"] = email, ["token"] = resetToken, ["newPassword"] = newPassword }, null, true, client, ct);

    public Task<ApiOutcome<JsonNode>> ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken ct = default) =>
        SendAsync<JsonNode>(HttpMethod.Post, "api/v1/me/password",
            new JsonObject { ["currentPassword"] = currentPassword, ["newPassword"] = newPassword }, ct);

    public Task<ApiOutcome<TwoFactorStateModel>> TwoFactorStateAsync(CancellationToken ct = default) =>
        SendAsync<TwoFactorStateModel>(HttpMethod.Get, "api/v1/me/two-factor", null, ct);

    public Task<ApiOutcome<AuthenticatorSetupModel>> StartTwoFactorAsync(CancellationToken ct = default) =>
        SendAsync<AuthenticatorSetupModel>(HttpMethod.Post, "api/v1/me/two-factor", null, ct);

    public Task<ApiOutcome<TwoFactorStateModel>> EnableTwoFactorAsync(string code, CancellationToken ct = default) =>
        SendAsync<TwoFactorStateModel>(HttpMethod.Post, "api/v1/me/two-factor/enable", new JsonObject { ["code"] = code.Trim() }, ct);

    public Task<ApiOutcome<TwoFactorStateModel>> NewRecoveryCodesAsync(string code, CancellationToken ct = default) =>
        SendAsync<TwoFactorStateModel>(HttpMethod.Post, "api/v1/me/two-factor/recovery-codes", new JsonObject { ["code"] = code.Trim() }, ct);

    /// <summary>Turns two-factor off, confirmed with an authenticator code or a recovery code.</summary>
    public Task<ApiOutcome<TwoFactorStateModel>> DisableTwoFactorAsync(string code, CancellationToken ct = default) =>
        SendAsync<TwoFactorStateModel>(HttpMethod.Delete, "api/v1/me/two-factor", new JsonObject { ["code"] = code.Trim() }, ct);

    // The wire -------------------------------------------------------------------------------------------------------

    private static string EntryPath(string type, Guid id) => $"api/v1/manage/content/{Uri.EscapeDataString(type)}/{id}";

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private Task<ApiOutcome<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct) =>
        SendAsync<T>(method, path, body, session.AccessToken, true, ct);

    private Task<ApiOutcome<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? token, bool signInOnUnauthorized, CancellationToken ct) =>
        SendAsync<T>(method, path, body, token, signInOnUnauthorized, null, ct);

    private async Task<ApiOutcome<T>> SendAsync<T>(HttpMethod method, string path, object? body, string? token, bool signInOnUnauthorized, IPAddress? client,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(address.Base, path));
        if (client is not null)
        {
            // The browser's address for the API's per-client limits; an IPv4 address mapped to IPv6 is sent as IPv4.
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString());
        }
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(session.Locale));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            JsonNode node => JsonContent.Create(node, options: Json),
            _ => JsonContent.Create(body, body.GetType(), options: Json),
        };
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            return new(default, new ApiProblem(0, "unreachable", session.Text.ApiUnreachable, ex.Message, new Dictionary<string, string[]>()));
        }
        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
                {
                    return new(default, null);
                }
                try
                {
                    return new(await response.Content.ReadFromJsonAsync<T>(Json, ct), null);
                }
                catch (JsonException ex)
                {
                    // An API whose answer changed shape under the manager: say so instead of breaking the screen.
                    return new(default, new ApiProblem((int)response.StatusCode, "unreadable", session.Text.StatusMessage(500), ex.Message, new Dictionary<string, string[]>()));
                }
            }
            var problem = await ReadProblemAsync(response, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && token is not null && signInOnUnauthorized)
            {
                // The token expired or was revoked: sign in again and come back here.
                var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
                navigation.NavigateTo($"{ManagerCookie.SignInPath}?returnUrl={Uri.EscapeDataString(here)}&expired=1", forceLoad: true);
            }
            return new(default, problem);
        }
    }

    private async Task<ApiProblem> ReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        JsonObject? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, an empty 404): the status alone says what happened.
        }
        var errors = new Dictionary<string, string[]>();
        if (body?["errors"] is JsonObject fieldErrors)
        {
            foreach (var (key, value) in fieldErrors)
            {
                errors[key] = value switch
                {
                    JsonArray list => list.Select(m => m?.ToString() ?? "").ToArray(),
                    null => [],
                    _ => [value.ToString()],
                };
            }
        }
        return new ApiProblem(status, body?["code"]?.ToString(), body?["title"]?.ToString() ?? session.Text.StatusMessage(status),
            body?["detail"]?.ToString(), errors);
    }
}

/// <summary>The list API's query: <c>limit</c>, <c>cursor</c>, <c>status</c>, <c>q</c>, <c>sort</c>.</summary>
public sealed record EntryQuery(int Limit = 25, string? Cursor = null, string? Status = null, string? Search = null, string? Sort = null)
{
    public string ToQueryString()
    {
        var parts = new List<string> { $"limit={Limit}" };
        Add(parts, "cursor", Cursor);
        Add(parts, "status", Status);
        Add(parts, "q", Search);
        Add(parts, "sort", Sort);
        return "?" + string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
