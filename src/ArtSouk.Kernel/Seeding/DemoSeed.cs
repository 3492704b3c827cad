namespace ArtSouk.Kernel.Seeding;

/// <summary>An entry the CMS seeded as demo content: its key in the demo catalogue (stable across stores), id and type.</summary>
public sealed record DemoEntry(string Key, Guid Id, string Type);

/// <summary>
/// What the CMS seeded in this process's start, so that other modules can dress the same demo entries (prices, seats)
/// and never touch content a person wrote: empty on every start but the one that seeded an empty store.
/// </summary>
public sealed class DemoSeed
{
    public IReadOnlyList<DemoEntry> Entries { get; private set; } = [];

    public void Seeded(IReadOnlyList<DemoEntry> entries) => Entries = entries;
}
