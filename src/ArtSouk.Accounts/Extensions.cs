using ArtSouk.Accounts.ApiKeys;
using ArtSouk.Accounts.Persistence;
using System.Threading.RateLimiting;
using ArtSouk.Accounts.Passwords;
using ArtSouk.Accounts.SignIn;
using ArtSouk.Accounts.TwoFactor;
using ArtSouk.Accounts.Users;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Accounts;

public static class AccountsExtensions
{
    /// <summary>The scheme that picks API key, bearer token or cookie from what the request carries.</summary>
    public const string Scheme = "ArtSouk";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        var database = builder.Configuration.ReadValidated<DatabaseOptions>(DatabaseOptions.Section);
        var accounts = builder.Configuration.ReadValidated<AccountsOptions>(AccountsOptions.Section);
        var services = builder.Services;
        services.AddValidatedOptions<AccountsOptions>(AccountsOptions.Section);
        services.AddSingleton<Audit.AccountsAudit>();
        services.AddModuleDbContext<AccountsDbContext, SqliteAccountsDbContext, PostgresAccountsDbContext>(database, app, AccountsDbContext.Schema,
            sp => [sp.GetRequiredService<Audit.AccountsAudit>()]);
        services.AddAuditLog<AccountsDbContext>("accounts");
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddIdentity<User, IdentityRole<Guid>>(o =>
            {
                // Length over composition rules (NIST 800-63B).
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                // Temporary, and never for administrators (PasswordSignIn says why).
                o.Lockout.MaxFailedAccessAttempts = accounts.Lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accounts.Lockout.Duration;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "artsouk";
            o.Events.OnRedirectToLogin = context => ApiAware(context, ProblemCode.Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAware(context, ProblemCode.Forbidden);
        });
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultAuthenticateScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
                o.DefaultForbidScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Art Souk", o => o.ForwardDefaultSelector = context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (header.StartsWith("Bearer " + ApiKey.Marker, StringComparison.OrdinalIgnoreCase))
                {
                    return ApiKeyAuthentication.SchemeName;
                }
                return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = accounts.AccessTokenLifetime)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            // Opens the management API to every editorial role; what each may touch (types, own entries) the CMS decides per request.
            .AddPolicy(Policies.ManageContent, p => p.RequireAssertion(c =>
                Roles.Editorial.Any(c.User.IsInRole) || c.User.HasScope(Scopes.Manage)))
            .AddPolicy(Policies.PreviewContent, p => p.RequireAssertion(c =>
                c.User.IsInRole(Roles.Administrator) || c.User.IsInRole(Roles.Curator) || c.User.HasScope(Scopes.Preview) || c.User.HasScope(Scopes.Manage)))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator));
        // Reset links live two hours, and die sooner when the password (and so the security stamp) changes.
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(2));
        services.AddRateLimiter(o =>
        {
            AddClientLimit(o, RateLimitPolicies.SignIn, accounts.RateLimits.SignIn);
            AddClientLimit(o, RateLimitPolicies.Register, accounts.RateLimits.Register);
            AddClientLimit(o, RateLimitPolicies.PasswordReset, accounts.RateLimits.PasswordReset);
            AddClientLimit(o, RateLimitPolicies.TwoFactor, accounts.RateLimits.TwoFactor);
        });
        services.AddSingleton<FailedSignIns>();
        services.AddScoped<DecoyPassword>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<Tokens>();
        services.AddSingleton<PasswordResetMail>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetMail>());
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, EndedSessionsSignInAgain>();
        services.AddSingleton<IClaimsTransformation>(sp => sp.GetRequiredService<AccountSessions>());
        services.AddHostedService<AccountsStartup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapAuthApi();
        app.MapSignInApi();
        app.MapPasswordsApi();
        app.MapMeApi();
        app.MapTwoFactorApi();
        app.MapApiKeysApi();
        app.MapUsersApi();
        return app;
    }

    /// <summary>A fixed window per client address; the refusal is the host's 429 problem with Retry-After.</summary>
    private static void AddClientLimit(RateLimiterOptions options, string policy, RateLimit limit) =>
        options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        }));

    /// <summary>API callers get a 401/403 problem; browsers are sent to the login page.</summary>
    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, ProblemCode code)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return ApiProblem.WriteAsync(context.HttpContext, code);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
