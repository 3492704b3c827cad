using ArtSouk.Cms.ContentTypes;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Cms.Management;

/// <summary>What the caller may do with one content type; <c>waitsForReview</c>: its saves go to a curator first.</summary>
internal sealed record TypeRights(string Type, bool Access, bool Create, bool Publish, bool Delete, bool WaitsForReview);

/// <summary><c>profile</c>: the entry an artist or gallery account speaks for.</summary>
internal sealed record EditorialRightsView(Guid? Profile, string? ProfileType, bool Review, bool Trash, bool EmptyTrash, bool Audit, IReadOnlyList<TypeRights> Types);

/// <summary>
/// <c>GET /api/v1/manage/rights</c>: the caller's rights as <see cref="EditorialRights"/> decides them, so the manager
/// shows only the buttons that will work; the endpoints still check every request.
/// </summary>
internal static class RightsApi
{
    public static void MapRightsApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/manage/rights").RequireAuthorization(Policies.ManageContent).WithTags("Manage content")
            .MapGet("/", Get).WithSummary("What the caller may do: per content type, review, trash and audit");

    private static Ok<EditorialRightsView> Get(HttpContext http, ContentTypeRegistry types)
    {
        var rights = EditorialRights.Of(http.User);
        var perType = types.All.Select(t => new TypeRights(t.Name, rights.MayAccessType(t.Name),
            rights.MayPublishType(t.Name) || rights.MayAccessType(t.Name) && t.Name == EditorialRights.OwnedType,
            rights.MayPublishType(t.Name), rights.MayPublishType(t.Name), rights.SavesWaitForReview && rights.MayAccessType(t.Name))).ToList();
        var admin = http.User.IsInRole(Roles.Administrator);
        return TypedResults.Ok(new EditorialRightsView(rights.Profile, rights.ProfileType, rights.MayReview, perType.Any(t => t.Delete), admin,
            admin || http.User.IsInRole(Roles.Curator), perType));
    }
}
