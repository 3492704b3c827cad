using System.Data.Common;
using ArtSouk.Cms.ContentTypes;

namespace ArtSouk.Cms.Reading;

/// <summary>How a value is compared in SQL; decides both the expression's cast and the parameter's type.</summary>
internal enum SqlValueType
{
    Text,
    Number,
    Long,
    Boolean,
}

/// <summary>The few places SQLite and PostgreSQL differ for reading the JSON read model.</summary>
internal abstract class SqlDialect
{
    public abstract string Table { get; }

    /// <summary>The expression for a top-level JSON member, typed for comparison and sorting.</summary>
    public abstract string Field(string name, SqlValueType type);

    /// <summary>True when the JSON member is an array containing <paramref name="parameter"/>.</summary>
    public abstract string ArrayContains(string name, string parameter);

    public abstract string Exists(string name);

    public abstract string TextContains(string expression, string parameter);

    /// <summary>True when a read-model row's JSON text mentions <paramref name="parameter"/> anywhere (a media id, say).</summary>
    public abstract string FieldsMention(string parameter);

    public abstract object Id(Guid id);

    public abstract object Bind(object value, SqlValueType type);

    public static SqlValueType TypeOf(FieldKind kind) => kind switch
    {
        FieldKind.Integer or FieldKind.Decimal => SqlValueType.Number,
        FieldKind.Boolean => SqlValueType.Boolean,
        _ => SqlValueType.Text,
    };

    public static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

internal sealed class SqliteDialect : SqlDialect
{
    public override string Table => "delivery_items";

    public override string Field(string name, SqlValueType type) => $"json_extract(fields, '$.\"{name}\"')";

    public override string ArrayContains(string name, string parameter) =>
        $"EXISTS (SELECT 1 FROM json_each(fields, '$.\"{name}\"') WHERE value = {parameter})";

    public override string Exists(string name) => $"json_type(fields, '$.\"{name}\"') IS NOT NULL";

    public override string TextContains(string expression, string parameter) => $"instr(lower({expression}), lower({parameter})) > 0";

    public override string FieldsMention(string parameter) => $"instr(fields, {parameter}) > 0";

    // EF Core stores Guid as upper-case text on SQLite.
    public override object Id(Guid id) => id.ToString().ToUpperInvariant();

    public override object Bind(object value, SqlValueType type) => type switch
    {
        SqlValueType.Number => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture) is var d && d == decimal.Truncate(d) && Math.Abs(d) < long.MaxValue
            ? (object)(long)d
            : (double)Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        SqlValueType.Long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        SqlValueType.Boolean => Convert.ToBoolean(value, System.Globalization.CultureInfo.InvariantCulture) ? 1L : 0L,
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}

internal sealed class PostgresDialect : SqlDialect
{
    public override string Table => "cms.delivery_items";

    public override string Field(string name, SqlValueType type) => type switch
    {
        SqlValueType.Number => $"((fields->>'{name}')::numeric)",
        SqlValueType.Boolean => $"((fields->>'{name}')::boolean)",
        _ => $"(fields->>'{name}')",
    };

    public override string ArrayContains(string name, string parameter) => $"(fields->'{name}' @> jsonb_build_array({parameter}::text))";

    public override string Exists(string name) => $"(fields->'{name}') IS NOT NULL";

    public override string TextContains(string expression, string parameter) => $"strpos(lower({expression}), lower({parameter})) > 0";

    public override string FieldsMention(string parameter) => $"strpos(fields::text, {parameter}) > 0";

    public override object Id(Guid id) => id;

    public override object Bind(object value, SqlValueType type) => type switch
    {
        SqlValueType.Number => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture),
        SqlValueType.Long => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        SqlValueType.Boolean => Convert.ToBoolean(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
