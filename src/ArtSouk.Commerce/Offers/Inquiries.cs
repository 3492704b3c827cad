using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Offers;

internal sealed record AskRequest(Guid? EntryId, string? Message);

internal sealed record InquiryView(Guid Id, Guid EntryId, string Message, DateTimeOffset CreatedAt);

/// <summary>"Ask about this work": a signed-in person's question, e-mailed to the work's seller through the outbox.</summary>
internal static class Inquiries
{
    public static void MapInquiries(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/commerce/inquiries", AskAsync).RequireAuthorization().WithTags("Commerce")
            .WithSummary("Ask the seller of an artwork, event or workshop a question; they answer by e-mail");
        app.MapGet("/api/v1/commerce/entries/{entryId:guid}/inquiries", ForEntryAsync).RequireAuthorization().WithTags("Commerce")
            .WithSummary("The questions asked about one work, for its seller (its artist or gallery, curators, administrators)");
    }

    private static async Task<Results<Created<InquiryView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, UnprocessableProblem>> AskAsync(
        AskRequest request, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (Cart.Buyer(http) is not { } asker)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Say("الأسئلة لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "Questions need a person's account, not an API key"));
        }
        var errors = new ValidationErrors();
        if (request.EntryId is null)
        {
            errors.Add("entryId", Say("يلزم معرّف العمل", "entryId is required"));
        }
        var message = request.Message?.Trim();
        if (string.IsNullOrEmpty(message) || message.Length > 2000)
        {
            errors.Add("message", Say("اكتب سؤالك (حتى 2000 حرف)", "message is required, at most 2000 characters"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var entryId = request.EntryId!.Value;
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"لا يوجد محتوى بالمعرّف {entryId}", $"No entry {entryId}."));
        }
        if (!SetListing.SellableTypes.Contains(entry.Type))
        {
            return new UnprocessableProblem(CommerceProblems.NotSellable, Say("يُسأل البائع عن الأعمال الفنية والفعاليات وورش العمل", "Questions to a seller are about artworks, events and workshops"));
        }
        var now = clock.GetUtcNow();
        var inquiry = new Inquiry { EntryId = entryId, AskerId = asker, Message = message!, Locale = Locales.FromRequest(http.Request), CreatedAt = now };
        db.Inquiries.Add(inquiry);
        CommerceEvents.Raise(db, CommerceEvents.InquiryAsked, inquiry.Id, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/commerce/entries/{entryId}/inquiries", new InquiryView(inquiry.Id, entryId, inquiry.Message, now));
    }

    private static async Task<Results<Ok<InquiryView[]>, ForbiddenProblem, NotFoundProblem>> ForEntryAsync(
        Guid entryId, HttpContext http, CommerceDbContext db, IEntryAccess access, CancellationToken ct)
    {
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد محتوى بالمعرّف {entryId}", $"No entry {entryId}."));
        }
        if (!entry.MayEdit)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "يرى الأسئلةَ بائعُ العمل والقيّمون", "Only the work's seller and curators see its questions"));
        }
        var rows = await db.Inquiries.AsNoTracking().Where(i => i.EntryId == entryId).OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(i => new InquiryView(i.Id, i.EntryId, i.Message, i.CreatedAt)).ToArray());
    }
}
