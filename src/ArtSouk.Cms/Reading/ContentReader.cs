using System.Buffers.Text;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Reading;

/// <summary>
/// Reads published (or, for previews, draft) content from the read model with typed filters, sorting and keyset
/// paging. This is the CMS's public reading contract: the Delivery API, the site and search use it.
/// </summary>
public sealed class ContentReader
{
    public const int MaxLimit = 100;
    private const string Columns = "entry_id, type, slug, locale, fields, fallbacks, translations, version, published_at, updated_at";

    private readonly CmsDbContext _db;
    private readonly ContentTypeRegistry _types;
    private readonly SqlDialect _dialect;

    internal ContentReader(CmsDbContext db, ContentTypeRegistry types, SqlDialect dialect)
    {
        _db = db;
        _types = types;
        _dialect = dialect;
    }

    public async Task<ContentPage> ListAsync(ContentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var type = _types.Find(query.Type) ?? throw new InvalidQueryException("type", $"unknown content type '{query.Type}'", $"نوع المحتوى «{query.Type}» غير معروف");
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new InvalidQueryException("limit", $"limit must be between 1 and {MaxLimit}", $"يجب أن يكون limit بين 1 و{MaxLimit}");
        }
        var sorts = Sorts(type, query.Sorts);
        await using var command = await CommandAsync(ct);
        var sql = new StringBuilder($"SELECT {Columns}");
        for (var i = 0; i < sorts.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", {sorts[i].Expression} AS k{i}");
        }
        if (!Locales.IsSupported(query.Locale))
        {
            throw new InvalidQueryException("locale", $"locale must be ar or en, not '{query.Locale}'", $"اللغة يجب أن تكون ar أو en وليس «{query.Locale}»");
        }
        // Type, locale and channel come from closed sets and are written as literals, so PostgreSQL can match the
        // per-type partial indexes even in a cached generic plan.
        sql.Append(CultureInfo.InvariantCulture,
            $" FROM {_dialect.Table} WHERE type = '{type.Name}' AND locale = '{query.Locale}' AND channel = '{(query.Preview ? Channels.Draft : Channels.Live)}'");
        var p = 0;
        foreach (var filter in query.Filters)
        {
            sql.Append(" AND ").Append(Condition(type, filter, command, ref p));
        }
        var signature = Signature(query, sorts);
        if (query.Cursor is { Length: > 0 } cursor)
        {
            sql.Append(" AND ").Append(After(sorts, Cursor.Decode(cursor, signature, sorts.Count), command));
        }
        var tieDescending = sorts.Count > 0 && sorts[0].Descending;
        sql.Append(" ORDER BY ");
        foreach (var sort in sorts)
        {
            // NULLS LAST only where values can be missing, so indexes on plain columns still serve the order.
            sql.Append(sort.Expression).Append(sort.Descending ? " DESC" : " ASC").Append(sort.Nullable ? " NULLS LAST, " : ", ");
        }
        sql.Append(tieDescending ? "entry_id DESC" : "entry_id ASC");
        sql.Append(CultureInfo.InvariantCulture, $" LIMIT {query.Limit + 1}");
        command.CommandText = sql.ToString();

        var items = new List<ContentItem>(query.Limit + 1);
        var keys = new List<object?[]>(query.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(Read(reader));
                var k = new object?[sorts.Count];
                for (var i = 0; i < sorts.Count; i++)
                {
                    k[i] = reader.IsDBNull(10 + i) ? null : reader.GetValue(10 + i);
                }
                keys.Add(k);
            }
        }
        string? next = null;
        if (items.Count > query.Limit)
        {
            items.RemoveAt(query.Limit);
            var last = query.Limit - 1;
            next = Cursor.Encode(signature, keys[last], items[last].Id);
        }
        return new ContentPage(items, next);
    }

    /// <summary>By id, or by slug in the requested locale (then in the other locale).</summary>
    public async Task<ContentItem?> FindAsync(string typeName, string idOrSlug, string locale, bool preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(idOrSlug);
        var channel = preview ? Channels.Draft : Channels.Live;
        var rows = _db.DeliveryItems.AsNoTracking().Where(d => d.Type == typeName && d.Channel == channel);
        DeliveryItem? row;
        if (Guid.TryParse(idOrSlug, out var id))
        {
            row = await rows.SingleOrDefaultAsync(d => d.EntryId == id && d.Locale == locale, ct);
        }
        else
        {
            row = await rows.FirstOrDefaultAsync(d => d.Slug == idOrSlug && d.Locale == locale, ct);
            if (row is null)
            {
                var entryId = await rows.Where(d => d.Slug == idOrSlug).Select(d => (Guid?)d.EntryId).FirstOrDefaultAsync(ct);
                row = entryId is null ? null : await rows.SingleOrDefaultAsync(d => d.EntryId == entryId && d.Locale == locale, ct);
            }
        }
        return row is null ? null : ToItem(row);
    }

    public async Task<IReadOnlyDictionary<Guid, ContentItem>> GetManyAsync(IReadOnlyCollection<Guid> ids, string locale, bool preview, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, ContentItem>();
        }
        var channel = preview ? Channels.Draft : Channels.Live;
        var rows = await _db.DeliveryItems.AsNoTracking()
            .Where(d => ids.Contains(d.EntryId) && d.Locale == locale && d.Channel == channel).ToListAsync(ct);
        return rows.ToDictionary(r => r.EntryId, ToItem);
    }

    /// <summary>Resolves a site path such as <c>/ar/artists/نوف-الحربي</c>; old slugs resolve to a redirect.</summary>
    public async Task<RouteMatch?> ResolveRouteAsync(string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length is < 2 or > 3 || !Locales.IsSupported(segments[0]))
        {
            return null;
        }
        var locale = segments[0];
        var type = segments.Length == 3 ? _types.ByRoute(segments[1]) : _types.ByRoute("");
        if (type is null)
        {
            return null;
        }
        var slug = segments[^1];
        var record = await _db.Slugs.AsNoTracking().SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == slug, ct)
            ?? await _db.Slugs.AsNoTracking().FirstOrDefaultAsync(s => s.Type == type.Name && s.Value == slug && s.IsCurrent, ct);
        if (record is null)
        {
            return null;
        }
        var live = await _db.DeliveryItems.AsNoTracking()
            .SingleOrDefaultAsync(d => d.EntryId == record.EntryId && d.Locale == locale && d.Channel == Channels.Live, ct);
        if (live is null)
        {
            return null;
        }
        var canonical = type.SitePath(locale, live.Slug);
        return record.IsCurrent && record.Locale == locale
            ? new RouteMatch(RouteMatch.EntryKind, type.Name, record.EntryId, locale, canonical, ToItem(live))
            : new RouteMatch(RouteMatch.RedirectKind, type.Name, record.EntryId, locale, canonical, null);
    }

    private sealed record SortKey(string Field, string Expression, SqlValueType Type, bool Descending, bool Nullable = true);

    private List<SortKey> Sorts(ContentType type, IReadOnlyList<FieldSort> requested)
    {
        var sorts = new List<SortKey>();
        foreach (var sort in requested.Count == 0 ? [new FieldSort("publishedAt", true)] : requested)
        {
            if (sorts.Any(s => s.Field == sort.Field))
            {
                throw new InvalidQueryException("sort", $"'{sort.Field}' appears twice in sort", $"الحقل «{sort.Field}» مكرر في sort");
            }
            sorts.Add(SystemColumn(sort.Field) is { } system
                ? new SortKey(sort.Field, system.Column, system.Type, sort.Descending, Nullable: false)
                : type.Field(sort.Field) is { Sortable: true } field
                    ? new SortKey(sort.Field, _dialect.Field(field.Name, SqlDialect.TypeOf(field.Kind)), SqlDialect.TypeOf(field.Kind), sort.Descending)
                    : throw new InvalidQueryException("sort", $"cannot sort {type.Name} by '{sort.Field}'; sortable: {string.Join(", ", SortableNames(type))}", $"لا يمكن ترتيب {type.Name} حسب «{sort.Field}»؛ الحقول القابلة للترتيب: {string.Join("، ", SortableNames(type))}"));
        }
        return sorts;
    }

    private static IEnumerable<string> SortableNames(ContentType type) =>
        type.Fields.Where(f => f.Sortable).Select(f => f.Name).Concat(["publishedAt", "updatedAt", "slug"]);

    private static (string Column, SqlValueType Type)? SystemColumn(string field) => field switch
    {
        "publishedAt" => ("published_at", SqlValueType.Long),
        "updatedAt" => ("updated_at", SqlValueType.Long),
        "slug" => ("slug", SqlValueType.Text),
        _ => null,
    };

    private string Condition(ContentType type, FieldFilter filter, DbCommand command, ref int p)
    {
        var name = $"filter[{filter.Field}]";
        if (SystemColumn(filter.Field) is { } system)
        {
            var values = Values(filter, name).Select(v => filter.Field == "slug" ? v : (object)ParseInstant(name, v)).ToArray();
            return Compare(system.Column, filter.Operator, values, system.Type, command, name, ref p, allowContains: filter.Field == "slug");
        }
        var field = type.Field(filter.Field)
            ?? throw new InvalidQueryException(name, $"'{filter.Field}' is not a field of {type.Name}", $"«{filter.Field}» ليس حقلًا في {type.Name}");
        if (filter.Operator == FilterOperator.Exists)
        {
            var exists = filter.Value switch
            {
                "true" or "" => true,
                "false" => false,
                _ => throw new InvalidQueryException(name, "exists takes true or false", "exists تقبل true أو false فقط"),
            };
            return exists ? _dialect.Exists(field.Name) : $"NOT ({_dialect.Exists(field.Name)})";
        }
        if (field.Kind is FieldKind.Blocks or FieldKind.Location or FieldKind.Media)
        {
            throw new InvalidQueryException(name, $"'{field.Name}' can only be filtered with exists", $"الحقل «{field.Name}» لا يُصفّى إلا بـ exists");
        }
        var parsed = Values(filter, name).Select(v => ParseValue(field, name, v)).ToArray();
        if (field.Many)
        {
            if (filter.Operator is not (FilterOperator.Eq or FilterOperator.Contains or FilterOperator.In))
            {
                throw new InvalidQueryException(name, $"'{field.Name}' holds several values; use eq, contains, in or exists", $"الحقل «{field.Name}» متعدد القيم؛ استخدم eq أو contains أو in أو exists");
            }
            var parts = new List<string>();
            foreach (var value in parsed)
            {
                var parameter = $"@p{p++}";
                SqlDialect.AddParameter(command, parameter, value);
                parts.Add(_dialect.ArrayContains(field.Name, parameter));
            }
            return "(" + string.Join(" OR ", parts) + ")";
        }
        var ordered = field.Kind is FieldKind.Integer or FieldKind.Decimal or FieldKind.Date or FieldKind.DateTime or FieldKind.Text;
        if (!ordered && filter.Operator is FilterOperator.Lt or FilterOperator.Lte or FilterOperator.Gt or FilterOperator.Gte)
        {
            throw new InvalidQueryException(name, $"'{field.Name}' is a {field.Kind.ToString().ToLowerInvariant()} field and cannot be compared with {filter.Operator.ToString().ToLowerInvariant()}", $"لا يمكن مقارنة الحقل «{field.Name}» بالعامل {filter.Operator.ToString().ToLowerInvariant()}");
        }
        var textual = field.Kind is FieldKind.Text or FieldKind.RichText;
        if (field.Kind == FieldKind.RichText && filter.Operator != FilterOperator.Contains)
        {
            throw new InvalidQueryException(name, $"'{field.Name}' is rich text; use contains or exists", $"الحقل «{field.Name}» نص منسق؛ استخدم contains أو exists");
        }
        var sqlType = SqlDialect.TypeOf(field.Kind);
        return Compare(_dialect.Field(field.Name, sqlType), filter.Operator, parsed, sqlType, command, name, ref p, allowContains: textual);
    }

    private static string[] Values(FieldFilter filter, string name)
    {
        var values = filter.Operator == FilterOperator.In ? filter.Value.Split(',') : [filter.Value];
        return values.Length > 50 ? throw new InvalidQueryException(name, "in takes at most 50 values", "in تقبل 50 قيمة على الأكثر") : values;
    }

    private string Compare(string expression, FilterOperator op, object[] values, SqlValueType type, DbCommand command, string name, ref int p, bool allowContains)
    {
        if (op == FilterOperator.Contains && !allowContains)
        {
            throw new InvalidQueryException(name, "contains works on text fields and on fields with several values", "contains تعمل على الحقول النصية والحقول متعددة القيم");
        }
        if (op == FilterOperator.Exists)
        {
            throw new InvalidQueryException(name, "exists works on content fields only", "exists تعمل على حقول المحتوى فقط");
        }
        var parameters = new List<string>();
        foreach (var value in values)
        {
            var parameter = $"@p{p++}";
            SqlDialect.AddParameter(command, parameter, _dialect.Bind(value, type));
            parameters.Add(parameter);
        }
        return op switch
        {
            FilterOperator.Eq => $"{expression} = {parameters[0]}",
            FilterOperator.Ne => $"({expression} IS NULL OR {expression} <> {parameters[0]})",
            FilterOperator.In => $"{expression} IN ({string.Join(", ", parameters)})",
            FilterOperator.Lt => $"{expression} < {parameters[0]}",
            FilterOperator.Lte => $"{expression} <= {parameters[0]}",
            FilterOperator.Gt => $"{expression} > {parameters[0]}",
            FilterOperator.Gte => $"{expression} >= {parameters[0]}",
            FilterOperator.Contains => _dialect.TextContains(expression, parameters[0]),
            _ => throw new InvalidQueryException(name, $"unsupported operator {op}", $"العامل {op} غير مدعوم"),
        };
    }

    private static object ParseValue(FieldDefinition field, string name, string raw)
    {
        switch (field.Kind)
        {
            case FieldKind.Integer or FieldKind.Decimal:
                return decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                    ? number : throw new InvalidQueryException(name, $"'{raw}' is not a number", $"«{raw}» ليس رقمًا");
            case FieldKind.Boolean:
                return raw switch { "true" => true, "false" => false, _ => throw new InvalidQueryException(name, $"'{raw}' is not true or false", $"«{raw}» ليست true أو false") };
            case FieldKind.Date:
                return FieldFormats.TryParseDate(raw, out var date)
                    ? date : throw new InvalidQueryException(name, $"'{raw}' is not a date (YYYY-MM-DD)", $"«{raw}» ليس تاريخًا بصيغة YYYY-MM-DD");
            case FieldKind.DateTime:
                return FieldFormats.TryParseDateTime(raw, out var moment)
                    ? FieldFormats.DateTime(moment) : throw new InvalidQueryException(name, $"'{raw}' is not an ISO 8601 date and time", $"«{raw}» ليس تاريخًا ووقتًا بصيغة ISO 8601");
            case FieldKind.Enum:
                return field.Options.Any(o => o.Value == raw)
                    ? raw : throw new InvalidQueryException(name, $"'{raw}' is not one of {string.Join(", ", field.Options.Select(o => o.Value))}", $"«{raw}» ليست من القيم المتاحة: {string.Join("، ", field.Options.Select(o => o.Value))}");
            case FieldKind.Reference or FieldKind.Media:
                return Guid.TryParse(raw, out var id) ? id.ToString() : throw new InvalidQueryException(name, $"'{raw}' is not an id", $"«{raw}» ليس معرّفًا صالحًا");
            default:
                return raw;
        }
    }

    private static long ParseInstant(string name, string raw) =>
        FieldFormats.TryParseDateTime(raw, out var moment)
            ? moment.ToUnixTimeMilliseconds()
            : throw new InvalidQueryException(name, $"'{raw}' is not an ISO 8601 date and time", $"«{raw}» ليس تاريخًا ووقتًا بصيغة ISO 8601");

    /// <summary>
    /// Keyset condition "strictly after the cursor row" for the sort keys plus the id tie-breaker; missing values sort
    /// last in both directions, so paging stays stable while rows are inserted before or after the cursor.
    /// </summary>
    private string After(List<SortKey> sorts, (object?[] Keys, Guid Id) cursor, DbCommand command)
    {
        var disjuncts = new List<string>();
        var equalities = new List<string>();
        for (var i = 0; i < sorts.Count; i++)
        {
            var sort = sorts[i];
            var value = cursor.Keys[i];
            string? after = null;
            string equal;
            if (value is null)
            {
                equal = $"{sort.Expression} IS NULL";
            }
            else
            {
                var parameter = $"@c{i}";
                SqlDialect.AddParameter(command, parameter, BindCursorValue(value, sort.Type));
                var beyond = $"{sort.Expression} {(sort.Descending ? "<" : ">")} {parameter}";
                after = sort.Nullable ? $"({beyond} OR {sort.Expression} IS NULL)" : beyond;
                equal = $"{sort.Expression} = {parameter}";
            }
            if (after is not null)
            {
                disjuncts.Add(equalities.Count == 0 ? after : $"({string.Join(" AND ", equalities)} AND {after})");
            }
            equalities.Add(equal);
        }
        SqlDialect.AddParameter(command, "@cid", _dialect.Id(cursor.Id));
        var idAfter = $"entry_id {(sorts.Count > 0 && sorts[0].Descending ? "<" : ">")} @cid";
        disjuncts.Add(equalities.Count == 0 ? idAfter : $"({string.Join(" AND ", equalities)} AND {idAfter})");
        return "(" + string.Join(" OR ", disjuncts) + ")";
    }

    /// <summary>A cursor is client input: a value that does not fit its sort key is a bad cursor, not a server error.</summary>
    private object BindCursorValue(object value, SqlValueType type)
    {
        try
        {
            return type == SqlValueType.Text && value is not string || type != SqlValueType.Text && value is string
                ? throw new FormatException()
                : _dialect.Bind(value, type);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
        {
            throw new InvalidQueryException("cursor", "the cursor is not valid; use the 'next' value of a previous page", "المؤشر cursor غير صالح؛ استخدم قيمة next من صفحة سابقة");
        }
    }

    private static string Signature(ContentQuery query, List<SortKey> sorts)
    {
        var text = string.Join('|', query.Type, query.Locale, query.Preview,
            string.Join(',', sorts.Select(s => (s.Descending ? "-" : "") + s.Field)),
            string.Join(',', query.Filters.Select(f => $"{f.Field}:{f.Operator}:{f.Value}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 6);
    }

    private async Task<DbCommand> CommandAsync(CancellationToken ct)
    {
        var connection = _db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await _db.Database.OpenConnectionAsync(ct);
        }
        return connection.CreateCommand();
    }

    private static ContentItem Read(DbDataReader reader) => new(
        reader.GetFieldValue<object>(0) switch { Guid g => g, var o => Guid.Parse(Convert.ToString(o, CultureInfo.InvariantCulture)!) },
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetInt32(7),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)));

    private static ContentItem ToItem(DeliveryItem row) => new(row.EntryId, row.Type, row.Slug, row.Locale, row.Fields, row.Fallbacks,
        row.Translations, row.Version, DateTimeOffset.FromUnixTimeMilliseconds(row.PublishedAt), DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt));

    /// <summary>Opaque cursors: base64url of the last row's sort values, its id, and a signature of the query.</summary>
    internal static class Cursor
    {
        public static string Encode(string signature, object?[] keys, Guid id)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new object?[] { signature, id, keys.Select(Plain).ToArray() });
            return Base64Url.EncodeToString(json);
        }

        public static (object?[] Keys, Guid Id) Decode(string cursor, string signature, int keyCount)
        {
            try
            {
                using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(cursor));
                var root = doc.RootElement;
                if (root.GetArrayLength() != 3 || root[0].GetString() != signature)
                {
                    throw new InvalidQueryException("cursor", "the cursor belongs to a different query; start again without it", "المؤشر cursor يخص استعلامًا آخر؛ ابدأ من جديد بدونه");
                }
                var keys = root[2].EnumerateArray().Select(k => k.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => (object)k.GetDecimal(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => k.GetString(),
                }).ToArray();
                if (keys.Length != keyCount)
                {
                    throw new InvalidQueryException("cursor", "the cursor does not match the sort", "المؤشر cursor لا يطابق الترتيب");
                }
                return (keys, root[1].GetGuid());
            }
            catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or IndexOutOfRangeException or ArgumentException)
            {
                throw new InvalidQueryException("cursor", "the cursor is not valid; use the 'next' value of a previous page", "المؤشر cursor غير صالح؛ استخدم قيمة next من صفحة سابقة");
            }
        }

        private static object? Plain(object? value) => value switch
        {
            null or DBNull => null,
            bool b => b,
            long or int or decimal or double => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }
}
