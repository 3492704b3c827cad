using System.Text.Json;

namespace ArtSouk.Auctions.Rules;

/// <summary>
/// One rung of an increment ladder: from <see cref="From"/> (SAR) the price climbs by <see cref="Steps"/> in turn, so
/// <c>[200, 300, 300, 200]</c> from 3,000 gives 3,200, 3,500, 3,800, 4,000, 4,200, ... (the 2-5-8 pattern).
/// </summary>
public sealed record Rung(decimal From, decimal[] Steps);

/// <summary>A ladder flattened for SQL: rung i starts from <c>Froms[i]</c> and climbs by <c>Steps[Starts[i] .. Starts[i] + Lengths[i] - 1]</c> (1-based).</summary>
public sealed record LadderArrays(long[] Froms, int[] Starts, int[] Lengths, long[] Steps);

/// <summary>An increment ladder as data (halalas inside), stored with each sale.</summary>
public sealed class Ladder
{
    private readonly (long From, long[] Steps, long Cycle)[] _rungs;

    public Ladder(IReadOnlyList<Rung> rungs)
    {
        ArgumentNullException.ThrowIfNull(rungs);
        _rungs = rungs.OrderBy(r => r.From)
            .Select(r => ((long)(r.From * 100), r.Steps.Select(s => (long)(s * 100)).ToArray(), (long)(r.Steps.Sum() * 100))).ToArray();
        Rungs = rungs.OrderBy(r => r.From).ToArray();
        var starts = new int[_rungs.Length];
        for (var i = 1; i < _rungs.Length; i++)
        {
            starts[i] = starts[i - 1] + _rungs[i - 1].Steps.Length;
        }
        Arrays = new LadderArrays([.. _rungs.Select(r => r.From)], [.. starts.Select(s => s + 1)], [.. _rungs.Select(r => r.Steps.Length)],
            [.. _rungs.SelectMany(r => r.Steps)]);
    }

    /// <summary>The ladder as the arrays <c>auctions.ladder_above</c> takes on PostgreSQL (halalas; 1-based step offsets).</summary>
    public LadderArrays Arrays { get; }

    public IReadOnlyList<Rung> Rungs { get; }

    /// <summary>The auction houses' ~10% ladder in the 1-2-5-8 pattern, repeating by powers of ten.</summary>
    public static IReadOnlyList<Rung> DefaultRungs { get; } = BuildDefault();

    public static Ladder Default { get; } = new(DefaultRungs);

    private static Rung[] BuildDefault()
    {
        var rungs = new List<Rung> { new(0, [100]) };
        for (decimal scale = 1; scale <= 10_000; scale *= 10)
        {
            rungs.Add(new Rung(2_000 * scale, [200 * scale]));
            rungs.Add(new Rung(3_000 * scale, [200 * scale, 300 * scale, 300 * scale, 200 * scale]));
            rungs.Add(new Rung(5_000 * scale, [500 * scale]));
            rungs.Add(new Rung(10_000 * scale, [1_000 * scale]));
        }
        return [.. rungs.DistinctBy(r => r.From)];
    }

    /// <summary>Null when the rungs are not a usable ladder (no rung from 0, a step not positive, ...), else the ladder.</summary>
    public static string? Problem(IReadOnlyList<Rung>? rungs)
    {
        if (rungs is not { Count: > 0 } || rungs.Count > 100)
        {
            return "1 to 100 rungs";
        }
        if (rungs.Min(r => r.From) != 0)
        {
            return "the first rung starts from 0";
        }
        if (rungs.Any(r => r.From < 0 || r.Steps is not { Length: > 0 and <= 20 } || r.Steps.Any(s => s <= 0 || s * 100 != decimal.Truncate(s * 100) || s > 100_000_000)))
        {
            return "each rung has 1 to 20 positive steps in SAR with at most two decimals";
        }
        return rungs.Select(r => r.From).Distinct().Count() == rungs.Count ? null : "rungs start from different amounts";
    }

    /// <summary>
    /// The next point of the ladder strictly above <paramref name="priceMinor"/>: one increment above a price on the
    /// ladder, the next rung point above one off it. Never below, and rising with the price (property-tested).
    /// </summary>
    public long Above(long priceMinor)
    {
        var index = 0;
        for (var i = 0; i < _rungs.Length; i++)
        {
            if (_rungs[i].From <= priceMinor)
            {
                index = i;
            }
        }
        var rung = _rungs[index];
        var ceiling = index + 1 < _rungs.Length ? _rungs[index + 1].From : long.MaxValue;
        var point = priceMinor - (priceMinor - rung.From) % rung.Cycle;
        foreach (var step in rung.Steps)
        {
            point += step;
            if (point > priceMinor)
            {
                return Math.Min(point, ceiling);
            }
        }
        return Math.Min(point, ceiling);
    }

    /// <summary>The increment the ladder asks at <paramref name="priceMinor"/>.</summary>
    public long IncrementAt(long priceMinor) => Above(priceMinor) - priceMinor;

    public string ToJson() => JsonSerializer.Serialize(Rungs, Json);

    public static Ladder FromJson(string json) => new(JsonSerializer.Deserialize<Rung[]>(json, Json) ?? []);

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
