using ArtSouk.Kernel.Security;
using ArtSouk.Search.Indexing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArtSouk.Search.Api;

/// <summary>The index as an administrator sees it: which provider, how many documents, and the last or running rebuild.</summary>
/// <param name="State"><c>idle</c> (no rebuild since start), <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Indexed">Documents written by the running or last rebuild.</param>
/// <param name="Editors">The editors' index (every entry's latest version, for the manager's search), the same way.</param>
public sealed record SearchIndexView(string Provider, long? Documents, string State, int Indexed, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    SearchIndexView? Editors = null);

/// <summary>The manager's reindex button: starts a rebuild of both indexes beside the live ones (search keeps serving) and reports their progress.</summary>
internal static class ReindexApi
{
    public static void MapReindexApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/search").RequireAuthorization(Policies.Administer).WithTags("Search");
        group.MapGet("", GetAsync)
            .WithSummary("The search index: provider, documents, and the last or running rebuild with its progress; the editors' index the same way under 'editors'");
        group.MapPost("/reindex", Start)
            .WithSummary("Rebuild the search index from the published content, and the editors' index from every entry, beside the live ones, then swap; answers at once with the progress to poll (a rebuild already running is reported, not started twice)");
    }

    /// <summary>Both indexes with their rebuilds; the public one is unkeyed, the editors' keyed <see cref="Audience.Editors"/>.</summary>
    internal sealed record Indexes(
        ISearchIndex Index, RebuildProgress Progress, Rebuilder Rebuilder,
        [FromKeyedServices(Audience.Editors)] ISearchIndex EditorsIndex,
        [FromKeyedServices(Audience.Editors)] RebuildProgress EditorsProgress,
        [FromKeyedServices(Audience.Editors)] Rebuilder EditorsRebuilder);

    private static async Task<Ok<SearchIndexView>> GetAsync([AsParameters] Indexes indexes, IOptions<SearchOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(indexes, options.Value, ct));

    private static async Task<Accepted<SearchIndexView>> Start(
        [AsParameters] Indexes indexes, IOptions<SearchOptions> options, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        indexes.Rebuilder.Start(lifetime.ApplicationStopping);
        indexes.EditorsRebuilder.Start(lifetime.ApplicationStopping);
        return TypedResults.Accepted("/api/v1/manage/search", await ViewAsync(indexes, options.Value, ct));
    }

    private static async Task<SearchIndexView> ViewAsync(Indexes indexes, SearchOptions options, CancellationToken ct) =>
        await ViewAsync(indexes.Index, indexes.Progress, options, ct) with
        {
            Editors = await ViewAsync(indexes.EditorsIndex, indexes.EditorsProgress, options, ct),
        };

    private static async Task<SearchIndexView> ViewAsync(ISearchIndex index, RebuildProgress progress, SearchOptions options, CancellationToken ct)
    {
        long? documents;
        try
        {
            documents = await index.CountAsync(ct);
        }
#pragma warning disable CA1031 // An unreachable index is shown as "no count", not a 500: the page is how an administrator finds out.
        catch (Exception)
#pragma warning restore CA1031
        {
            documents = null;
        }
        return new SearchIndexView(options.Provider.ToString(), documents, progress.State, progress.Indexed, progress.StartedAt, progress.FinishedAt);
    }
}
