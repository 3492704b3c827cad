using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// The real host on Kestrel (the manager calls the API over HTTP, so an in-memory server would not do), seeded,
/// with an administrator, and the Debian chromium driven by Playwright.
/// </summary>
public sealed class ManagerHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "curator-admin@artsouk.test";
    public const string AdminPassword = "Manager-Pass-2026!";
    private const string Chromium = "/usr/bin/chromium";

    private readonly string _dataPath = Directory.CreateTempSubdirectory("artsouk-e2e-").FullName;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ArtSouk:DataPath", _dataPath);
        builder.UseSetting("ArtSouk:Seed", "true");
        builder.UseSetting("ArtSouk:Admin:Email", AdminEmail);
        builder.UseSetting("ArtSouk:Admin:Password", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s => s.AddLogging(l => l.AddProvider(new Recorder(_serverLog))));
    }

    private readonly ConcurrentQueue<string> _serverLog = new();
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _consoles = new();

    /// <summary>
    /// Waits for <paramref name="step"/>; when it times out, fails saying what the person would have seen (the page's
    /// address, its alerts, whether the circuit was reconnecting) and what the browser's console and the server logged,
    /// with a screenshot, so a failure on a loaded CI machine can be read rather than guessed at.
    /// </summary>
    public async Task ExpectAsync(IPage page, string what, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (PlaywrightException ex)
        {
            var shot = ScreenshotPath("failed-" + string.Concat(what.Where(char.IsLetterOrDigit)));
            await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
            var alerts = await page.Locator(".alert, [role=alert]").AllInnerTextsAsync();
            var reconnect = await page.EvaluateAsync<string>("() => document.getElementById('components-reconnect-modal')?.className ?? 'none'");
            throw new Xunit.Sdk.XunitException(string.Join(Environment.NewLine,
                $"Expected {what}, but it did not come ({ex.Message.Split('\n')[0]}).",
                $"page: {page.Url}; alerts: [{string.Join(" | ", alerts)}]; reconnect UI: {reconnect}; screenshot: {shot}",
                "browser console:", string.Join(Environment.NewLine, (_consoles.GetValueOrDefault(page) ?? new()).TakeLast(20)),
                "server warnings:", string.Join(Environment.NewLine, _serverLog.TakeLast(20))));
        }
    }

    /// <summary>The server's warnings and errors, newest last, kept for <see cref="ExpectAsync"/>.</summary>
    private sealed class Recorder(ConcurrentQueue<string> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, log);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }
                log.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name} {exception?.Message}");
                while (log.Count > 200 && log.TryDequeue(out _))
                {
                }
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Skip($"{Chromium} is missing: apt-get install chromium fonts-noto-core (.ci/run installs it).");
        }
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = Address };
        await WaitUntilReadyAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Seeding runs at start-up; the manager's first screens want the catalogue in place.</summary>
    private async Task WaitUntilReadyAsync()
    {
        for (var i = 0; i < 240; i++)
        {
            var ready = await Http.GetAsync("/health/ready");
            if (ready.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("The host did not become ready.");
    }

    /// <summary>A browser page whose language is <paramref name="locale"/> (Accept-Language), at a width.</summary>
    public async Task<IPage> PageAsync(string locale, int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            Locale = locale == "ar" ? "ar-SA" : "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale == "ar" ? "ar-SA,ar;q=0.9" : "en-GB,en;q=0.9" },
            ViewportSize = new ViewportSize { Width = width, Height = height },
            TimezoneId = "Asia/Riyadh",
        });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var console = _consoles.GetOrAdd(page, _ => new ConcurrentQueue<string>());
        page.Console += (_, m) => console.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {m.Type}: {m.Text}");
        page.Close += (_, closed) => _consoles.TryRemove(closed, out ConcurrentQueue<string>? _);
        return page;
    }

    /// <summary>How long a step may wait: the browser tests run beside the integration tests on two cores, so a step
    /// waits up to a minute; it is not a measurement.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ArtSouk.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? AppContext.BaseDirectory;
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        Http?.Dispose();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing SQLite connection; the temp folder is cleaned by the OS.
        }
    }
}

[CollectionDefinition("manager")]
public sealed class ManagerTests : ICollectionFixture<ManagerHost>;
