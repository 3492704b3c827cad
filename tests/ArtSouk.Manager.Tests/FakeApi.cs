using System.Net;
using System.Text;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Sessions;
using Bunit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArtSouk.Manager.Tests;

/// <summary>
/// The management API as the manager sees it over HTTP, answering with bodies recorded from the real API
/// (<c>Wire/*.json</c>); every request is kept so a test can check what the manager sent.
/// </summary>
internal sealed class FakeApi : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Path, HttpStatusCode Status, string Body)> _answers = [];

    public List<(HttpMethod Method, string PathAndQuery, string? Body, string? Language)> Requests { get; } = [];

    /// <summary>The <c>X-Forwarded-For</c> header of each request, in order (null when not sent).</summary>
    public List<string?> ForwardedFor { get; } = [];

    public static string Wire(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wire", name + ".json"));

    public FakeApi Answer(HttpMethod method, string pathPrefix, HttpStatusCode status, string body)
    {
        _answers.Insert(0, (method, pathPrefix, status, body));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        ForwardedFor.Add(request.Headers.TryGetValues("X-Forwarded-For", out var forwarded) ? string.Join(",", forwarded) : null);
        Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body, request.Headers.AcceptLanguage.ToString()));
        var answer = _answers.FirstOrDefault(a => a.Method == request.Method && request.RequestUri.AbsolutePath.StartsWith(a.Path, StringComparison.Ordinal));
        if (answer.Body is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"type":"https://artsouk.sa/problems/not-found","title":"Not found","status":404,"code":"not-found"}""", Encoding.UTF8, "application/problem+json"),
            };
        }
        var mediaType = (int)answer.Status >= 400 ? "application/problem+json" : "application/json";
        return new HttpResponseMessage(answer.Status) { Content = new StringContent(answer.Body, Encoding.UTF8, mediaType) };
    }

    /// <summary>Registers the manager's services in a bUnit context, talking to this fake, in <paramref name="locale"/>.</summary>
    public void Install(BunitContext context, string locale)
    {
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var services = context.Services;
        services.AddSingleton<IServer, NoServer>();
        services.AddSingleton(Options.Create(new ApiAddressOptions { ApiBaseUrl = new Uri("http://api.test/") }));
        services.AddSingleton<ApiAddress>();
        services.AddScoped(_ => new ManagerSession { Locale = locale, AccessToken = "token", DisplayName = "Curator", Roles = ["curator"] });
        services.AddScoped<ManagerApi>();
        services.AddHttpClient(ManagerApi.ClientName).ConfigurePrimaryHttpMessageHandler(() => this);
    }

    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public void Dispose()
        {
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
