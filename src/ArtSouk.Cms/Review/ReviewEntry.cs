using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Review;

/// <summary><c>{ decision: "approve" | "reject", comment? }</c>; a rejection says why, for the author.</summary>
internal sealed record ReviewRequest(string? Decision, string? Comment);

/// <summary>
/// A curator decides an artist's or gallery's save: approving publishes the version under review in every locale it
/// has content for; rejecting keeps it as a draft with the comment its author reads in the entry view.
/// <c>POST /api/v1/manage/content/{type}/{id}/review</c>, mapped with the other entry endpoints.
/// </summary>
internal static class ReviewEntry
{
    public const string Approve = "approve";
    public const string Reject = "reject";

    public static async Task<Results<Ok<EntryView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem, ForbiddenProblem>> DecideAsync(
        string type, Guid id, ReviewRequest request, HttpContext http, ContentTypeRegistry types, EntryEditor editor, Publisher publisher,
        EntryChanges changes, AuditTrail audit, TimeProvider clock, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return ManageContentApi.UnknownType(http, type);
        }
        if (!EditorialRights.Of(http.User).MayReview)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "المراجعة للقيّمين والمديرين", "Reviews are for curators and administrators"));
        }
        var comment = request.Comment?.Trim() is { Length: > 0 } text ? text : null;
        if (request.Decision is not (Approve or Reject) || request.Decision == Reject && comment is null || comment is { Length: > 2000 })
        {
            var message = Locales.Say(http.Request,
                "decision يجب أن يكون approve أو reject، والرفض يتطلب تعليقًا (حتى 2000 حرف) يقرؤه صاحب المحتوى",
                "decision must be approve or reject; a rejection needs a comment (up to 2000 characters) for the author");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { [request.Decision is (Approve or Reject) ? "comment" : "decision"] = [message] });
        }
        var locale = Locales.FromRequest(http.Request);
        try
        {
            var (entry, current) = await editor.LoadAsync(contentType, id, ct);
            if (entry.ReviewState != ReviewStates.InReview)
            {
                throw new EditRejected(ProblemCode.NothingToReview, "No save of this entry is waiting for review.", "لا يوجد تعديل على هذا المحتوى بانتظار المراجعة");
            }
            var number = entry.ReviewVersion ?? entry.Version;
            if (request.Decision == Approve)
            {
                var reviewed = number == current.Number ? current : await db.Versions.AsNoTracking().SingleAsync(v => v.EntryId == id && v.Number == number, ct);
                var fields = JsonNode.Parse(reviewed.Fields)!.AsObject();
                var locales = Locales.All.Where(l => HasContent(contentType, fields, l)).ToList();
                // With no complete locale, publishing the required ones refuses with the fields that are missing (422).
                IReadOnlyList<string> targets = locales.Count > 0 ? locales : contentType.RequiredLocales;
                Publisher.CancelPendingPublish(entry, targets);
                await publisher.PublishAsync(contentType, entry, reviewed, fields, JsonNode.Parse(current.Slugs)!.AsObject(), targets, locale, ct);
            }
            entry.ReviewState = request.Decision == Approve ? ReviewStates.Approved : ReviewStates.Rejected;
            entry.ReviewComment = comment;
            entry.ReviewBy = audit.Actor?.Name ?? audit.Actor?.UserId;
            entry.ReviewAt = clock.GetUtcNow();
            changes.Raise(entry, request.Decision == Approve ? ContentEvents.ReviewApproved : ContentEvents.ReviewRejected, Locales.All,
                new { reviewedVersion = number, comment });
            audit.Record(AuditActions.Review, type, id.ToString(),
                [new AuditChange("review", null, ReviewStates.InReview, entry.ReviewState), new AuditChange("comment", null, null, comment)]);
            await editor.CommitAsync(ct);
            return TypedResults.Ok(await EntryView.LoadAsync(db, contentType, id, ct));
        }
        catch (EditRejected rejected)
        {
            return ManageContentApi.Problem(http, rejected) switch
            {
                BadRequestProblem p => p,
                NotFoundProblem p => p,
                ConflictProblem p => p,
                UnprocessableProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    /// <summary>A locale the reviewed version can go live in: its required fields filled there, without falling back.</summary>
    private static bool HasContent(ContentType type, JsonObject fields, string locale) =>
        TranslationStatus.Missing(type, fields, locale).Count == 0
        && type.Fields.Any(f => f.Localized && (fields[f.Name] as JsonObject)?[locale] is not null);
}
