using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Media;

/// <summary><c>GET /api/v1/manage/media?limit=&amp;cursor=&amp;q=</c>: the library, newest first, as <c>{ items, next }</c>.</summary>
internal static class ListMedia
{
    private const int MaxLimit = 200;

    public static async Task<Results<Ok<MediaPage>, BadRequestProblem>> HandleAsync(
        int? limit, string? cursor, string? q, HttpContext http, CmsDbContext db, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 50, maxSize: MaxLimit, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(MaxLimit, Locales.FromRequest(http.Request)));
        }
        var query = db.Media.AsNoTracking();
        if (q?.Trim().ToLowerInvariant() is { Length: > 0 } term)
        {
            query = query.Where(m => m.SearchText.Contains(term));
        }
        var assets = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return TypedResults.Ok(new MediaPage(assets.Take(page.Size).Select(MediaView.Of).ToList(), page.NextAfter(assets.Count)));
    }
}
