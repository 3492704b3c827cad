using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Localization;
using ArtSouk.Themes.Souk.Content;
using ArtSouk.Themes.Souk.Preview;
using ArtSouk.Themes.Souk.Rendering;
using ArtSouk.Themes.Souk.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArtSouk.Themes.Souk;

/// <summary>The public site: <c>/ar/…</c> and <c>/en/…</c> pages, sitemap, robots.txt, preview links and assets.</summary>
public static class SiteExtensions
{
    public static IHostApplicationBuilder AddSite(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<SiteOptions>(SiteOptions.Section);
        services.AddRazorComponents();
        // Pages and the stylesheet compress to a third; the site's pages are public and carry no secrets, so HTTPS is fine.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html", "text/css"];
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SiteAssets>();
        services.AddSingleton<SiteCache>();
        services.AddSingleton<Kernel.Caching.IContentCache>(sp => sp.GetRequiredService<SiteCache>());
        services.AddScoped<SiteListings>();
        services.AddSingleton<SitePreviewLinks>();
        services.AddSingleton<IPreviewLinks>(sp => sp.GetRequiredService<SitePreviewLinks>());
        services.AddScoped<PageRenderer>();
        services.AddScoped<SiteRouter>();
        services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>
    /// Answers cached pages before routing and authentication (it goes early in the pipeline, beside the Delivery cache),
    /// and gives an empty 404 to a page address the site's 404 page.
    /// </summary>
    public static IApplicationBuilder UseSite(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cache = app.ApplicationServices.GetRequiredService<SiteCache>();
        app.UseWhen(http => !CompressionFree.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)),
            site => site.UseResponseCompression());
        return app.Use(next => http => cache.TryServe(http) ?? WithNotFoundPageAsync(http, next));
    }

    /// <summary>Answers that may hold a visitor's secrets (antiforgery tokens, drafts) are never compressed (BREACH).</summary>
    private static readonly string[] CompressionFree = ["/api", "/manager", "/preview", "/media", "/_framework", "/_content"];

    private static readonly string[] NotSitePaths = ["/api", "/manager", "/media", "/_framework", "/_content", "/_site", "/health", "/openapi"];

    /// <summary>
    /// Any other address a visitor types (<c>/nope</c>) gets the site's bilingual 404 page, in the language they last read
    /// or their browser's. Only empty 404s to GETs outside the API, manager and media, which keep their own answers.
    /// </summary>
    private static async Task WithNotFoundPageAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status404NotFound || response.HasStarted || response.ContentType is not null
            || !HttpMethods.IsGet(http.Request.Method) || NotSitePaths.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }
        var remembered = http.Request.Cookies[SiteLanguageCookie.Name];
        var locale = Locales.IsSupported(remembered) ? remembered! : Locales.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString());
        var router = http.RequestServices.GetRequiredService<SiteRouter>();
        await (await router.ErrorAsync(locale, StatusCodes.Status404NotFound)).WriteAsync(http);
    }

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var site = app.MapGroup("").ExcludeFromDescription();
        site.MapGet("/", ChooseLanguage);
        site.MapGet("/robots.txt", (HttpContext http, SiteCache cache, IOptions<ArtSoukOptions> options) =>
            Send(http, cache, cache.Ticket(), new RenderedPage(200, "text/plain; charset=utf-8", Sitemap.Robots(Origin(http, options)))));
        site.MapGet("/sitemap.xml", SitemapAsync);
        site.MapGet("/sitemaps/{file}", SitemapPartAsync);
        site.MapGet(SiteAssets.Prefix + "{file}", (string file, HttpContext http, SiteAssets assets) => assets.Serve(file, http));
        site.MapGet("/preview/{token}", PreviewAsync);
        // One literal route per language rather than a {locale} parameter: a parameter would also match /api/v1/x and
        // turn a POST to an unknown API path into a 405.
        foreach (var locale in Locales.All)
        {
            site.MapGet($"/{locale}/{{**rest}}", (string? rest, HttpContext http, SiteRouter router, SiteCache cache, CancellationToken ct) =>
                PageAsync(locale, rest, http, router, cache, ct));
        }
        return app;
    }

    /// <summary><c>/</c>: the language the visitor last read in (cookie), else the browser's Accept-Language, else Arabic.</summary>
    private static IResult ChooseLanguage(HttpContext http)
    {
        var remembered = http.Request.Cookies[SiteLanguageCookie.Name];
        var locale = Locales.IsSupported(remembered) ? remembered! : Locales.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString());
        http.Response.Headers.Vary = "Accept-Language, Cookie";
        http.Response.Headers.CacheControl = "private, no-cache";
        return Results.Redirect($"/{locale}/");
    }

    private static async Task PageAsync(string locale, string? rest, HttpContext http, SiteRouter router, SiteCache cache, CancellationToken ct)
    {
        var ticket = cache.Ticket();
        var page = await router.RouteAsync(locale, rest, http, ct);
        await Send(http, cache, ticket, page);
    }

    private static Task Send(HttpContext http, SiteCache cache, long ticket, RenderedPage page)
    {
        // A page that says how it may be cached (previews, search results) says so because it must not be kept here.
        if (page.Status == StatusCodes.Status200OK && page.CacheControl is null && SiteCache.Cacheable(http.Request))
        {
            cache.Store(http.Request, ticket, page);
        }
        return page.WriteAsync(http);
    }

    private static async Task SitemapAsync(HttpContext http, SiteCache cache, ContentReader reader, ContentTypeRegistry types, IOptions<ArtSoukOptions> options, CancellationToken ct)
    {
        var ticket = cache.Ticket();
        var urls = await Sitemap.UrlsAsync(reader, types, ct);
        await Send(http, cache, ticket, new RenderedPage(200, "application/xml; charset=utf-8", Sitemap.Root(urls, Origin(http, options))));
    }

    private static async Task SitemapPartAsync(string file, HttpContext http, SiteCache cache, ContentReader reader, ContentTypeRegistry types,
        IOptions<ArtSoukOptions> options, SiteRouter router, CancellationToken ct)
    {
        var ticket = cache.Ticket();
        var part = file.EndsWith(".xml", StringComparison.Ordinal) && int.TryParse(file.AsSpan(0, file.Length - 4), out var n)
            ? Sitemap.Part(await Sitemap.UrlsAsync(reader, types, ct), n, Origin(http, options)) : null;
        await Send(http, cache, ticket, part is null ? await router.ErrorAsync(Locales.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()), 404)
            : new RenderedPage(200, "application/xml; charset=utf-8", part));
    }

    /// <summary>A draft through a signed link: never cached, never indexed; anything but a valid, current token is a 404.</summary>
    private static async Task PreviewAsync(string token, HttpContext http, SitePreviewLinks links, SiteRouter router, CancellationToken ct)
    {
        var target = links.Read(token);
        var page = target is { } t
            ? await router.PreviewAsync(t.Type, t.Id, t.Locale, http, ct)
            : await router.ErrorAsync(Locales.FromAcceptLanguage(http.Request.Headers.AcceptLanguage.ToString()), StatusCodes.Status404NotFound, preview: true);
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        await (page with { CacheControl = "private, no-store" }).WriteAsync(http);
    }

    private static string Origin(HttpContext http, IOptions<ArtSoukOptions> options) =>
        (options.Value.PublicUrl?.GetLeftPart(UriPartial.Authority) ?? $"{http.Request.Scheme}://{http.Request.Host}").TrimEnd('/');
}
