using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Audit;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Cms.Audit;

/// <summary>
/// Adds audit records to the CMS context beside the change they describe, so they commit (or roll back) with it. The
/// actor is the request's user; jobs name themselves with <see cref="ActAs"/>; writes with neither (seeding, the
/// benchmark generator) are not people's changes and are not recorded.
/// </summary>
internal sealed class AuditTrail(CmsDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    private AuditActor? _job;

    public void ActAs(AuditActor actor) => _job = actor;

    public AuditActor? Actor => _job ?? (http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? AuditActor.From(user) : null);

    /// <summary>The current user's id, for "my drafts".</summary>
    public string? ActorId => Actor?.UserId;

    public void Record(string action, string entityType, string entityId, IEnumerable<AuditChange>? changes = null)
    {
        if (Actor is { } actor)
        {
            db.Set<AuditRecord>().Add(AuditRecord.Of(actor, clock.GetUtcNow(), action, entityType, entityId, changes));
        }
    }
}

/// <summary>Audit action names the CMS writes; entry actions start with <see cref="AuditApi.EntryActions"/>.</summary>
internal static class AuditActions
{
    public const string Create = "entry.create";
    public const string Update = "entry.update";
    public const string Publish = "entry.publish";
    public const string Unpublish = "entry.unpublish";
    public const string Schedule = "entry.schedule";
    public const string ScheduleFailed = "entry.schedule_failed";
    public const string Restore = "entry.restore";
    public const string ReviewRequest = "entry.review_request";
    public const string Review = "entry.review";
    public const string Trash = "entry.trash";
    public const string RestoreFromTrash = "entry.untrash";
    public const string Purge = "entry.purge";
    public const string WebhookCreate = "webhook.create";
    public const string WebhookDelete = "webhook.delete";
    public const string MediaCreate = "media.create";
    public const string MediaUpdate = "media.update";
    public const string MediaDelete = "media.delete";
}
