using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Management;

/// <summary>
/// What the caller may do with content, decided per type and per entry. The management policy only opens the door to
/// editorial roles; every management endpoint (and the manager UI, through the API) asks this class the rest:
/// administrators, curators and <c>manage</c> keys everything; marketing its types; an artist or gallery account its
/// own entry and the artworks that reference it, with every save waiting for review.
/// </summary>
internal sealed class EditorialRights
{
    /// <summary>The types marketing writes.</summary>
    public static IReadOnlySet<string> MarketingTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "event", "workshop", "article", "page", "collection" };

    /// <summary>The type whose reference fields make an artwork belong to an artist or gallery account.</summary>
    public const string OwnedType = "artwork";

    private EditorialRights(bool full, bool marketing, string? profileType, Guid? profile)
    {
        IsFullEditor = full;
        IsMarketing = marketing;
        ProfileType = profileType;
        Profile = profile;
    }

    /// <summary>Administrator, curator or a <c>manage</c> API key: every type and entry, publishes directly, reviews.</summary>
    public bool IsFullEditor { get; }

    public bool IsMarketing { get; }

    /// <summary><c>artist</c> or <c>gallery</c> for an account that speaks for an entry.</summary>
    public string? ProfileType { get; }

    /// <summary>The entry the account speaks for, when it is linked to one.</summary>
    public Guid? Profile { get; }

    public bool IsOwner => ProfileType is not null;

    /// <summary>An owner's saves are kept as drafts for a curator to approve; they never go live directly.</summary>
    public bool SavesWaitForReview => !IsFullEditor && !IsMarketing && IsOwner;

    public bool MayReview => IsFullEditor;

    /// <summary>
    /// Changing or deleting an asset changes every entry that shows it, so only those who may edit all of those entries'
    /// kinds do it; artists and galleries upload and pick images but do not rewrite the library.
    /// </summary>
    public bool MayCurateMedia => IsFullEditor || IsMarketing;

    public static EditorialRights Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var full = user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Curator) || user.HasClaim(Scopes.ClaimType, Scopes.Manage);
        var profileType = user.IsInRole(Roles.Artist) ? "artist" : user.IsInRole(Roles.Gallery) ? "gallery" : null;
        Guid? profile = Guid.TryParse(user.FindFirstValue(AccountClaims.ProfileEntry), out var id) ? id : null;
        return new EditorialRights(full, user.IsInRole(Roles.Marketing), profileType, profile);
    }

    /// <summary>May touch some entries of this type at all (list, read, write what it owns).</summary>
    public bool MayAccessType(string type) =>
        IsFullEditor || IsMarketing && MarketingTypes.Contains(type) || IsOwner && Profile is not null && (type == ProfileType || type == OwnedType);

    /// <summary>May publish, unpublish, delete and restore versions of entries of this type: editors, not owners.</summary>
    public bool MayPublishType(string type) => IsFullEditor || IsMarketing && MarketingTypes.Contains(type);

    /// <summary>May edit this particular entry (its current version decides ownership of an artwork).</summary>
    public async Task<bool> MayEditAsync(CmsDbContext db, string type, Guid id, CancellationToken ct)
    {
        if (MayPublishType(type))
        {
            return true;
        }
        if (!MayAccessType(type))
        {
            return false;
        }
        if (type == ProfileType)
        {
            return id == Profile;
        }
        var fields = await db.Entries.AsNoTracking().Where(e => e.Id == id)
            .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => v.Fields)
            .SingleOrDefaultAsync(ct);
        // An entry that does not exist is the handler's 404; ownership only refuses what exists.
        return fields is null || Owns(JsonNode.Parse(fields) as JsonObject);
    }

    /// <summary>Whether fields as written (merged over the stored ones) keep an artwork the account's own.</summary>
    public bool Owns(JsonObject? fields) => Profile is { } profile && fields is not null
        && (Refers(fields["artist"], profile) || Refers(fields["gallery"], profile));

    /// <summary>May create an entry of this type with these fields: an owner only artworks that reference itself.</summary>
    public bool MayCreate(string type, JsonObject? fields) => MayPublishType(type) || MayAccessType(type) && type == OwnedType && Owns(fields);

    /// <summary>The entries of a type an owner sees in lists: its own entry, or the artworks that reference it.</summary>
    public async Task<IQueryable<Entry>> VisibleAsync(CmsDbContext db, string type, IQueryable<Entry> entries, CancellationToken ct)
    {
        if (MayPublishType(type) || Profile is not { } profile)
        {
            return entries;
        }
        if (type == ProfileType)
        {
            return entries.Where(e => e.Id == profile);
        }
        var candidates = await EntryReferences.IdsReferencingAsync(db, profile, ct);
        var owned = new List<Guid>();
        foreach (var chunk in candidates.Chunk(500))
        {
            var rows = await db.Entries.AsNoTracking().Where(e => chunk.Contains(e.Id) && e.Type == type)
                .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => new { e.Id, v.Fields })
                .ToListAsync(ct);
            owned.AddRange(rows.Where(r => Owns(JsonNode.Parse(r.Fields) as JsonObject)).Select(r => r.Id));
        }
        return entries.Where(e => owned.Contains(e.Id));
    }

    public static ForbiddenProblem MediaRefusal(HttpContext http) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        "يعدّل مكتبة الوسائط أو يحذف منها المنسّقون والمديرون وفريق التسويق فقط.", "Only curators, administrators and marketing edit or delete library media."));

    public static ForbiddenProblem Refusal(HttpContext http, string type) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        $"لا تملك صلاحية على محتوى من نوع {type}", $"You may not manage {type} content"));

    public static ForbiddenProblem EntryRefusal(HttpContext http, string type, Guid id) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        $"لا تملك صلاحية على هذا المحتوى ({type} {id})؛ يمكنك تعديل ملفك والأعمال المرتبطة به فقط",
        $"You may not change this {type} ({id}); you may edit your own profile and the artworks that reference it"));

    public static ForbiddenProblem CreateRefusal(HttpContext http, string type) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        $"يمكنك إنشاء {type} لملفك فقط: اجعل حقل الفنان أو الصالة يشير إليك",
        $"You may create a {type} only for your own profile: its artist or gallery must be you"));

    public static ForbiddenProblem ActionRefusal(HttpContext http, string type) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        $"لا يمكنك تنفيذ هذا الإجراء على {type}؛ يتولاه القيّمون",
        $"You may not do this to a {type}; curators do"));

    private static bool Refers(JsonNode? value, Guid profile) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id) && id == profile;
}
