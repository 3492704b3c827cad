using ArtSouk.Cms.Entries;

namespace ArtSouk.Cms.Publishing;

/// <summary>The recurring job that carries out <c>publishAt</c>/<c>unpublishAt</c>; idempotent, so overlapping runs are harmless.</summary>
public sealed class ScheduledPublishing
{
    public const string JobId = "cms.scheduled-publishing";

    private readonly EntryEditor _editor;

    internal ScheduledPublishing(EntryEditor editor) => _editor = editor;

    public Task<int> RunAsync(CancellationToken cancellationToken) => _editor.RunSchedulesAsync(cancellationToken);
}
