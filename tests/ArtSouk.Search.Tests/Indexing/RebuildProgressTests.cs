using ArtSouk.Search.Indexing;

namespace ArtSouk.Search.Tests.Indexing;

/// <summary>Which events the search handlers may skip because a rebuild read the content after they occurred.</summary>
public sealed class RebuildProgressTests
{
    private static readonly DateTimeOffset Mark = new(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_mark_an_opened_index_kept_covers_the_events_before_it_and_none_after()
    {
        var progress = new RebuildProgress();

        progress.Resume(Mark);

        Assert.True(progress.Covers(Mark.AddTicks(-1)));
        Assert.False(progress.Covers(Mark));
    }

    [Fact]
    public void An_index_without_a_mark_covers_nothing()
    {
        var progress = new RebuildProgress();

        progress.Resume(null);

        Assert.False(progress.Covers(DateTimeOffset.MinValue.AddDays(1)));
    }

    [Fact]
    public void A_failed_rebuild_falls_back_to_what_the_live_index_covers()
    {
        var progress = new RebuildProgress();
        progress.Resume(Mark);
        progress.Start(Mark.AddHours(1));
        Assert.True(progress.Covers(Mark.AddMinutes(30)));

        progress.Finish(false, Mark.AddHours(2));

        Assert.False(progress.Covers(Mark.AddMinutes(30)));
        Assert.True(progress.Covers(Mark.AddTicks(-1)));
    }

    [Fact]
    public void A_completed_rebuild_is_what_a_later_failed_one_falls_back_to()
    {
        var progress = new RebuildProgress();
        progress.Start(Mark);
        progress.Finish(true, Mark.AddMinutes(1));
        progress.Start(Mark.AddHours(1));

        progress.Finish(false, Mark.AddHours(2));

        Assert.True(progress.Covers(Mark.AddTicks(-1)));
        Assert.False(progress.Covers(Mark.AddMinutes(30)));
    }

    [Fact]
    public void An_older_mark_does_not_undo_a_rebuild_already_under_way()
    {
        var progress = new RebuildProgress();
        progress.Start(Mark.AddHours(1));

        progress.Resume(Mark);

        Assert.True(progress.Covers(Mark.AddMinutes(30)));
    }
}
