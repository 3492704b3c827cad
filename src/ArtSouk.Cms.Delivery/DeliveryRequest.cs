using System.Text.RegularExpressions;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Cms.Delivery;

/// <summary>
/// The query string of a Delivery API list or item request, parsed and checked against the content type:
/// <c>locale, filter[f]=v, filter[f][op]=v, sort=-f,g, fields=a,b, expand=a,a.b, limit=1..100, cursor, preview</c>.
/// </summary>
internal sealed partial record DeliveryRequest(
    string Locale,
    bool Preview,
    IReadOnlyList<FieldFilter> Filters,
    IReadOnlyList<FieldSort> Sorts,
    IReadOnlyList<string>? Fields,
    IReadOnlyList<string[]> Expand,
    int Limit,
    string? Cursor)
{
    public const int DefaultLimit = 25;
    public const int MaxExpandDepth = 2;

    private static readonly HashSet<string> ListParameters = ["locale", "sort", "fields", "expand", "limit", "cursor", "preview"];
    private static readonly HashSet<string> ItemParameters = ["locale", "fields", "expand", "preview"];

    [GeneratedRegex(@"^filter\[([^\[\]]+)\](?:\[([^\[\]]+)\])?$")]
    private static partial Regex FilterKey();

    /// <summary>Parses and validates; throws <see cref="InvalidQueryException"/> naming the parameter at fault.</summary>
    public static DeliveryRequest Parse(HttpRequest request, ContentType type, bool list)
    {
        var query = request.Query;
        var filters = new List<FieldFilter>();
        foreach (var (key, values) in query)
        {
            var match = FilterKey().Match(key);
            if (match.Success && list)
            {
                var op = match.Groups[2].Success ? ParseOperator(key, match.Groups[2].Value) : FilterOperator.Eq;
                var field = match.Groups[1].Value;
                if (type.Field(field) is null && field is not ("publishedAt" or "updatedAt" or "slug"))
                {
                    throw new InvalidQueryException(key, $"'{field}' is not a field of {type.Name}; fields: {string.Join(", ", type.Fields.Select(f => f.Name))}", $"«{field}» ليس حقلًا في {type.Name}؛ الحقول: {string.Join("، ", type.Fields.Select(f => f.Name))}");
                }
                filters.AddRange(values.Select(v => new FieldFilter(field, op, v ?? "")));
            }
            else if (!(list ? ListParameters : ItemParameters).Contains(key))
            {
                throw new InvalidQueryException(key, $"unknown query parameter '{key}'", $"معامل الاستعلام «{key}» غير معروف");
            }
        }
        if (!Locales.TryFromQuery(request, out var locale))
        {
            throw new InvalidQueryException("locale", $"locale must be ar or en, not '{query["locale"]}'", $"اللغة يجب أن تكون ar أو en وليس «{query["locale"]}»");
        }
        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var rawLimit) && (!int.TryParse(rawLimit, out limit) || limit is < 1 or > ContentReader.MaxLimit))
        {
            throw new InvalidQueryException("limit", $"limit must be a whole number from 1 to {ContentReader.MaxLimit}", $"يجب أن يكون limit عددًا صحيحًا من 1 إلى {ContentReader.MaxLimit}");
        }
        var preview = query["preview"].ToString() switch
        {
            "" or "false" => false,
            "true" => true,
            var other => throw new InvalidQueryException("preview", $"preview must be true or false, not '{other}'", $"preview يجب أن تكون true أو false وليس «{other}»"),
        };
        return new DeliveryRequest(locale, preview, filters, ParseSorts(query["sort"].ToString()), ParseFields(query["fields"].ToString(), type),
            ParseExpand(query["expand"].ToString(), type, request.HttpContext.RequestServices.GetService(typeof(ContentTypeRegistry)) as ContentTypeRegistry),
            limit, query["cursor"].ToString() is { Length: > 0 } cursor ? cursor : null);
    }

    private static FilterOperator ParseOperator(string key, string op) =>
        Enum.TryParse<FilterOperator>(op, ignoreCase: true, out var parsed) && op.All(char.IsLower)
            ? parsed
            : throw new InvalidQueryException(key, $"unknown operator '{op}'; use eq, ne, in, lt, lte, gt, gte, contains or exists", $"العامل «{op}» غير معروف؛ استخدم eq أو ne أو in أو lt أو lte أو gt أو gte أو contains أو exists");

    private static List<FieldSort> ParseSorts(string sort) =>
        sort.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.StartsWith('-') ? new FieldSort(s[1..], true) : new FieldSort(s.TrimStart('+'), false))
            .ToList();

    private static List<string>? ParseFields(string fields, ContentType type)
    {
        if (fields.Length == 0)
        {
            return null;
        }
        var names = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = names.Where(n => type.Field(n) is null).ToList();
        return unknown.Count > 0
            ? throw new InvalidQueryException("fields", $"not fields of {type.Name}: {string.Join(", ", unknown)}", $"ليست حقولًا في {type.Name}: {string.Join("، ", unknown)}")
            : names;
    }

    private static List<string[]> ParseExpand(string expand, ContentType type, ContentTypeRegistry? types)
    {
        var paths = new List<string[]>();
        foreach (var path in expand.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var segments = path.Split('.');
            if (segments.Length > MaxExpandDepth)
            {
                throw new InvalidQueryException("expand", $"'{path}' is deeper than {MaxExpandDepth} levels", $"«{path}» أعمق من {MaxExpandDepth} مستويات");
            }
            IReadOnlyList<ContentType> current = [type];
            foreach (var segment in segments)
            {
                var fields = current.Select(t => t.Field(segment)).Where(f => f is { Kind: FieldKind.Reference }).ToList();
                if (fields.Count == 0)
                {
                    throw new InvalidQueryException("expand", $"'{segment}' in '{path}' is not a reference field of {string.Join(" or ", current.Select(t => t.Name))}", $"«{segment}» في «{path}» ليس حقل إحالة في {string.Join(" أو ", current.Select(t => t.Name))}");
                }
                current = fields.SelectMany(f => f!.To).Distinct().Select(n => types?.Find(n)).OfType<ContentType>().ToList();
            }
            paths.Add(segments);
        }
        return paths;
    }
}
