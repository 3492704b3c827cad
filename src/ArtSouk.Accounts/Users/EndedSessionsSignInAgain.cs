using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Accounts.Users;

/// <summary>
/// A token or cookie that <see cref="AccountSessions"/> refused (new security stamp, disabled account) still
/// authenticates as a ticket, only with nobody in it, which authorization would answer with 403. Nobody lacks rights
/// here: the session ended, so the caller is asked to sign in again (401).
/// </summary>
internal sealed class EndedSessionsSignInAgain : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
        {
            authorizeResult = PolicyAuthorizationResult.Challenge();
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
