using ArtSouk.Kernel.Security;
using ArtSouk.Search.Indexing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArtSouk.Search.Api;

/// <summary>The index as an administrator sees it: which provider, how many documents, and the last or running rebuild.</summary>
/// <param name="State"><c>idle</c> (no rebuild since start), <c>running</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="Indexed">Documents written by the running or last rebuild.</param>
public sealed record SearchIndexView(string Provider, long? Documents, string State, int Indexed, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

/// <summary>The manager's reindex button: starts a rebuild beside the live index (search keeps serving) and reports its progress.</summary>
internal static class ReindexApi
{
    public static void MapReindexApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/search").RequireAuthorization(Policies.Administer).WithTags("Search");
        group.MapGet("", GetAsync)
            .WithSummary("The search index: provider, documents, and the last or running rebuild with its progress");
        group.MapPost("/reindex", Start)
            .WithSummary("Rebuild the search index from the published content beside the live one, then swap; answers at once with the progress to poll (a rebuild already running is reported, not started twice)");
    }

    private static async Task<Ok<SearchIndexView>> GetAsync(ISearchIndex index, RebuildProgress progress, IOptions<SearchOptions> options, CancellationToken ct) =>
        TypedResults.Ok(await ViewAsync(index, progress, options.Value, ct));

    private static async Task<Accepted<SearchIndexView>> Start(
        Rebuilder rebuilder, ISearchIndex index, RebuildProgress progress, IOptions<SearchOptions> options, IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        rebuilder.Start(lifetime.ApplicationStopping);
        return TypedResults.Accepted("/api/v1/manage/search", await ViewAsync(index, progress, options.Value, ct));
    }

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
