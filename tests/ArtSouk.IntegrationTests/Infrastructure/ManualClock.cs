namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>A clock that stands still until the test moves it (back-offs, retention), so nothing depends on how fast the machine is.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = DateTimeOffset.UtcNow.UtcTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
