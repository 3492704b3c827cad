using ArtSouk.Kernel.Localization;

namespace ArtSouk.Cms.ContentTypes;

/// <summary>A content type as declared in <c>content-types/{name}.json</c>.</summary>
public sealed record ContentType(
    string Name,
    LocalizedText Label,
    LocalizedText Plural,
    string Route,
    string TitleField,
    IReadOnlyList<string> RequiredLocales,
    IReadOnlyList<FieldDefinition> Fields)
{
    private readonly Dictionary<string, FieldDefinition> _byName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public FieldDefinition? Field(string name) => _byName.GetValueOrDefault(name);

    public FieldDefinition Title => _byName[TitleField];

    /// <summary>The public site path of an entry: <c>/ar/artists/{slug}</c>, or <c>/ar/{slug}</c> for pages.</summary>
    public string SitePath(string locale, string slug) =>
        Route.Length == 0 ? $"/{locale}/{slug}" : $"/{locale}/{Route}/{slug}";
}

// CA1720: the kinds are named exactly as content-types/*.json spells them ("integer", "decimal").
#pragma warning disable CA1720
public enum FieldKind
{
    Text,
    RichText,
    Integer,
    Decimal,
    Boolean,
    Date,
    DateTime,
    Enum,
    Media,
    Reference,
    Blocks,
    Location,
}
#pragma warning restore CA1720

public sealed record FieldDefinition(
    string Name,
    FieldKind Kind,
    LocalizedText Label,
    LocalizedText? Help,
    bool Localized,
    bool Required,
    bool Many,
    bool Sortable,
    FieldValidation Validation,
    IReadOnlyList<string> To,
    IReadOnlyList<EnumOption> Options,
    IReadOnlyList<string> Blocks)
{
    /// <summary>Scalar fields can be compared and sorted in the Delivery API.</summary>
    public bool IsScalar => !Many && Kind is not (FieldKind.Blocks or FieldKind.Location or FieldKind.RichText or FieldKind.Media);
}

public sealed record FieldValidation(int? MinLength, int? MaxLength, decimal? Min, decimal? Max, string? Pattern, int? MinItems, int? MaxItems)
{
    public static readonly FieldValidation None = new(null, null, null, null, null, null, null);
}

public sealed record EnumOption(string Value, LocalizedText Label);

/// <summary>The block kinds a <see cref="FieldKind.Blocks"/> field may allow.</summary>
public static class BlockKinds
{
    public const string Heading = "heading";
    public const string Paragraph = "paragraph";
    public const string Image = "image";
    public const string Gallery = "gallery";
    public const string Quote = "quote";
    public const string Embed = "embed";
    public const string EntryList = "entry-list";

    public static IReadOnlyList<string> All { get; } = [Heading, Paragraph, Image, Gallery, Quote, Embed, EntryList];
}
