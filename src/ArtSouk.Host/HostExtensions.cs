using System.Text.Json;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Jobs;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace ArtSouk.Host;

/// <summary>Cross-cutting host wiring: options, problem details, data protection, jobs, health, OpenAPI.</summary>
internal static class HostExtensions
{
    public static WebApplicationBuilder AddArtSoukHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ArtSoukOptions>(ArtSoukOptions.Section);
        builder.Services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        Directory.CreateDirectory(app.FullDataPath);
        builder.Services.AddDataProtection()
            .SetApplicationName("ArtSouk")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(app.FullDataPath, "keys")));

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JsonText.Encoder);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Modules add their policies; every refusal is the same 429 problem with Retry-After.
        builder.Services.AddRateLimiter(o => o.OnRejected = RateLimitRejection.WriteAsync);
        builder.Services.AddValidatedOptions<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        var forwarded = builder.Configuration.ReadValidated<ForwardedHeadersSettings>(ForwardedHeadersSettings.Section);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = forwarded.ForwardLimit;
            foreach (var proxy in forwarded.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            foreach (var network in forwarded.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // Jobs live beside the data: in memory on the embedded default, in PostgreSQL (schema hangfire) in production,
        // so every node sees one schedule and a job survives a restart.
        var database = builder.Configuration.ReadValidated<DatabaseOptions>(DatabaseOptions.Section);
        // Each host owns its storage and the activator that builds its jobs from its own services. Hangfire's defaults
        // are the process-wide JobStorage.Current and JobActivator.Current, resolved lazily: with two hosts in one
        // process (the tests, a two-node race) one could take the other's, run the other's jobs against its own
        // database, or schedule on storage the other's shutdown had disposed.
        builder.Services.AddSingleton<JobStorage>(_ =>
        {
            if (database.Provider != DatabaseProvider.Postgres)
            {
                return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Guid });
            }
            // A lock is held for milliseconds (scheduling, expiring); one left behind by a host killed while holding it
            // would otherwise keep the next start's scheduler from firing the minutely jobs for the default ten minutes.
            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true, DistributedLockTimeout = TimeSpan.FromMinutes(1) };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, options), options);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        builder.Services.AddRecurringJob<OutboxRetention>(OutboxRetention.JobId, "0 * * * *");
        builder.Services.AddSingleton<RecurringJobs>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecurringJobs>());
        builder.Services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs", HealthStatus.Unhealthy, ["ready"]);
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Art Souk API — واجهة سوق الفن";
                document.Info.Description = "Bilingual (Arabic first, English second) content for the Art Souk marketplace. " +
                    "Delivery endpoints are public and cached; /manage endpoints take a bearer token from /api/v1/auth/token or an API key " +
                    "(Authorization: Bearer ask_...). Errors are application/problem+json with a stable code, titled in the request's language.";
                return Task.CompletedTask;
            });
            // A Settable<DateTimeOffset?> (publishAt, unpublishAt) is a nullable date-time on the wire: absent leaves, null clears.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(Settable<DateTimeOffset?>))
                {
                    schema.Type = Microsoft.OpenApi.JsonSchemaType.String | Microsoft.OpenApi.JsonSchemaType.Null;
                    schema.Format = "date-time";
                    schema.Properties?.Clear();
                    schema.Description = "Absent: leave the schedule as it is. null: clear it.";
                }
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication UseArtSoukHost(this WebApplication app)
    {
        // Scalar serves its page at /api/docs/ with relative asset paths; answer /api/docs itself (no redirect)
        // and point the assets that page then asks for back at Scalar.
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is "/api/docs" or "/api/scalar.js" or "/api/scalar.aspnetcore.js")
            {
                context.Request.Path = "/api/docs/" + path["/api/".Length..].Replace("docs", "", StringComparison.Ordinal);
            }
            return next(context);
        });
        // Before anything reads the client's address (rate limits); cached Delivery reads, answered earlier, never do.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages(EmptyErrorsAsProblemsAsync);
        app.UseRouting();
        // After routing (policies are endpoint metadata), before authentication: a refused sign-in costs no database read.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapArtSoukHost(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync });
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Art Souk API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }

    /// <summary>
    /// The group modules map into: their API operations declare the problems this pipeline answers before a handler
    /// runs (authorization, request binding), beside the ones each handler's return type lists.
    /// </summary>
    public static RouteGroupBuilder MapModules(this WebApplication app) => app.MapGroup("").DeclarePipelineProblems();

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }

    /// <summary>Empty 4xx/5xx responses under /api get a problem body with a stable code.</summary>
    private static async Task EmptyErrorsAsProblemsAsync(StatusCodeContext status)
    {
        var http = status.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            return;
        }
        var code = http.Response.StatusCode switch
        {
            400 => ProblemCode.MalformedBody,
            401 => ProblemCode.Unauthorized,
            403 => ProblemCode.Forbidden,
            404 => ProblemCode.NotFound,
            413 => ProblemCode.PayloadTooLarge,
            415 => ProblemCode.UnsupportedMedia,
            _ => null,
        };
        if (code is null)
        {
            return;
        }
        await ApiProblem.WriteAsync(http, code);
    }
}

/// <summary>Unreadable bodies become 400 problems; anything unexpected a 500 problem without internals.</summary>
internal sealed partial class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var code = exception switch
        {
            BadHttpRequestException { StatusCode: 413 } => ProblemCode.PayloadTooLarge,
            BadHttpRequestException or JsonException => ProblemCode.MalformedBody,
            _ => ProblemCode.Unexpected,
        };
        if (code == ProblemCode.Unexpected)
        {
            LogUnexpected(logger, httpContext.Request.Path, exception);
        }
        var detail = code == ProblemCode.Unexpected ? null : (exception.InnerException as JsonException)?.Message ?? exception.Message;
        await ApiProblem.WriteAsync(httpContext, code, detail);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void LogUnexpected(ILogger logger, string path, Exception exception);
}
