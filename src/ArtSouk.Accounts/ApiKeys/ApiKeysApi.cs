using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ArtSouk.Accounts.ApiKeys;

internal sealed record CreateApiKeyRequest(string Name, string[] Scopes);

internal sealed record ApiKeyView(Guid Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyView Of(ApiKey k) => new(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAt, k.RevokedAt);
}

internal sealed record CreatedApiKey(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key);

internal static class ApiKeysApi
{
    public static void MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/api-keys").RequireAuthorization(Policies.Administer).WithTags("API keys");
        group.MapPost("/", CreateAsync).WithSummary("Create a scoped key (delivery, preview, manage); the key is shown only in this response");
        group.MapGet("/", ListAsync).WithSummary("Keys, without their secrets");
        group.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke a key");
    }

    private static async Task<Results<Created<CreatedApiKey>, BadRequestProblem>> CreateAsync(
        CreateApiKeyRequest request, HttpContext http, AccountsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var unknown = (request.Scopes ?? []).Where(s => !Scopes.All.Contains(s)).ToList();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100 || request.Scopes is not { Length: > 0 } || unknown.Count > 0)
        {
            var choices = string.Join(", ", Scopes.All);
            var detail = Locales.Say(http.Request, $"يلزم اسم للمفتاح (حتى 100 حرف) ونطاق واحد على الأقل من: {choices}.",
                $"A name (up to 100 characters) and at least one scope of {choices} are required.");
            var scopes = Locales.Say(http.Request, $"اختر من: {choices}", $"choose from {choices}");
            return new BadRequestProblem(ProblemCode.ValidationFailed, detail, new Dictionary<string, string[]> { ["scopes"] = [scopes] });
        }
        var (key, secret) = ApiKey.Create(request.Name.Trim(), request.Scopes.Distinct(), http.User.Identity?.Name, clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/manage/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.ScopeList, secret));
    }

    private static async Task<Ok<ApiKeyView[]>> ListAsync(AccountsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct)).Select(ApiKeyView.Of).ToArray());

    private static async Task<Results<NoContent, NotFoundProblem>> RevokeAsync(
        Guid id, HttpContext http, AccountsDbContext db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد مفتاح API {id}.", $"No API key {id}."));
        }
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        cache.Remove(ApiKeyAuthentication.CacheKey(key.Prefix));
        return TypedResults.NoContent();
    }
}
