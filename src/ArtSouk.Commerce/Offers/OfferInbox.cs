using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Offers;

internal sealed record InboxOfferView(OfferView Offer, string? EntryType, string? EntryTitle);

internal sealed record InboxQuestionView(InquiryView Question, string? EntryType, string? EntryTitle);

internal sealed record InboxPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// A seller's inbox across their works: the offers and questions on every entry the caller may edit (their own works
/// for artists and galleries, all for curators and administrators), newest first. The per-work lists stay in
/// <see cref="OffersApi"/> and <see cref="Inquiries"/>.
/// </summary>
internal static class OfferInbox
{
    /// <summary>How far back an artist's inbox looks before filtering by ownership; staff page through everything.</summary>
    private const int OwnerWindow = 1000;

    public static void MapOfferInbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/commerce/offers/received", OffersAsync).RequireAuthorization(Policies.ManageContent).WithTags("Commerce")
            .WithSummary("Offers on the works the caller sells, newest first, paged ({items, next}); open=true keeps pending and countered ones");
        app.MapGet("/api/v1/commerce/inquiries/received", QuestionsAsync).RequireAuthorization(Policies.ManageContent).WithTags("Commerce")
            .WithSummary("Questions about the works the caller sells, newest first, paged ({items, next})");
    }

    private static async Task<Results<Ok<InboxPage<InboxOfferView>>, BadRequestProblem>> OffersAsync(
        bool? open, int? limit, string? cursor, HttpContext http, CommerceDbContext db, IEntryAccess access, ContentReader reader, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var offers = db.Offers.AsNoTracking();
        if (open == true)
        {
            offers = offers.Where(o => o.State == OfferStates.Pending || o.State == OfferStates.Countered);
        }
        offers = offers.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id);
        var rows = Staff(http)
            ? await offers.Skip(page.Skip).Take(page.Take).ToListAsync(ct)
            : (await OwnAsync(await offers.Take(OwnerWindow).ToListAsync(ct), o => o.EntryId, http, access, ct)).Skip(page.Skip).Take(page.Take).ToList();
        var shown = rows.Take(page.Size).ToList();
        var titles = await TitlesAsync(reader, shown.Select(o => o.EntryId), Locales.FromRequest(http.Request), ct);
        var items = shown.Select(o => new InboxOfferView(OfferView.Of(o), titles.GetValueOrDefault(o.EntryId).Type, titles.GetValueOrDefault(o.EntryId).Title)).ToList();
        return TypedResults.Ok(new InboxPage<InboxOfferView>(items, page.NextAfter(rows.Count)));
    }

    private static async Task<Results<Ok<InboxPage<InboxQuestionView>>, BadRequestProblem>> QuestionsAsync(
        int? limit, string? cursor, HttpContext http, CommerceDbContext db, IEntryAccess access, ContentReader reader, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var questions = db.Inquiries.AsNoTracking().OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);
        var rows = Staff(http)
            ? await questions.Skip(page.Skip).Take(page.Take).ToListAsync(ct)
            : (await OwnAsync(await questions.Take(OwnerWindow).ToListAsync(ct), i => i.EntryId, http, access, ct)).Skip(page.Skip).Take(page.Take).ToList();
        var shown = rows.Take(page.Size).ToList();
        var titles = await TitlesAsync(reader, shown.Select(i => i.EntryId), Locales.FromRequest(http.Request), ct);
        var items = shown.Select(i => new InboxQuestionView(new InquiryView(i.Id, i.EntryId, i.Message, i.CreatedAt),
            titles.GetValueOrDefault(i.EntryId).Type, titles.GetValueOrDefault(i.EntryId).Title)).ToList();
        return TypedResults.Ok(new InboxPage<InboxQuestionView>(items, page.NextAfter(rows.Count)));
    }

    private static bool Staff(HttpContext http) => http.User.IsInRole(Roles.Administrator) || http.User.IsInRole(Roles.Curator);

    /// <summary>The rows about entries the caller may edit, asking the CMS once per entry.</summary>
    private static async Task<List<T>> OwnAsync<T>(List<T> rows, Func<T, Guid> entryOf, HttpContext http, IEntryAccess access, CancellationToken ct)
    {
        var mine = new Dictionary<Guid, bool>();
        foreach (var entry in rows.Select(entryOf).Distinct())
        {
            mine[entry] = (await access.AccessAsync(http.User, entry, ct))?.MayEdit == true;
        }
        return rows.Where(r => mine[entryOf(r)]).ToList();
    }

    private static async Task<Dictionary<Guid, (string? Type, string? Title)>> TitlesAsync(ContentReader reader, IEnumerable<Guid> ids, string locale, CancellationToken ct)
    {
        var items = await reader.GetManyAsync(ids.Distinct().ToList(), locale, preview: true, ct);
        return items.ToDictionary(i => i.Key, i => ((string?)i.Value.Type,
            JsonNode.Parse(i.Value.FieldsJson) is JsonObject fields && fields["title"] is JsonValue v && v.TryGetValue<string>(out var t) ? t : null));
    }
}
