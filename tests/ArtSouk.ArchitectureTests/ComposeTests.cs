using System.Reflection;
using System.Text.RegularExpressions;
using ArtSouk.Cms.Delivery;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Notifications.Mail;
using ArtSouk.Search;

namespace ArtSouk.ArchitectureTests;

/// <summary>Every variable docker-compose.yml gives the app is a configuration key the host binds.</summary>
public sealed partial class ComposeTests
{
    /// <summary>The option sections the host binds, with their types.</summary>
    private static readonly (string Section, Type Options)[] Bound =
    [
        (ArtSoukOptions.Section, typeof(ArtSoukOptions)),
        (DatabaseOptions.Section, typeof(DatabaseOptions)),
        (DeliveryOptions.Section, typeof(DeliveryOptions)),
        (MailOptions.Section, typeof(MailOptions)),
        (SearchOptions.Section, typeof(SearchOptions)),
    ];

    private static readonly string[] FrameworkKeys = ["ASPNETCORE_URLS", "ASPNETCORE_ENVIRONMENT"];

    [GeneratedRegex(@"^      ([A-Za-z_][A-Za-z0-9_]*):", RegexOptions.Multiline)]
    private static partial Regex EnvironmentLine();

    [Fact]
    public void Every_app_variable_is_a_real_configuration_key()
    {
        var variables = AppEnvironment();
        Assert.Contains("Database__Provider", variables);
        var known = KnownKeys();
        var unknown = variables.Where(v => !FrameworkKeys.Contains(v) && !known.Contains(v.Replace("__", ":", StringComparison.Ordinal))).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void The_production_stack_seeds_demo_content_only_when_asked()
    {
        var compose = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docker-compose.yml"));
        var seed = Regex.Match(compose, @"^      ArtSouk__Seed: (.+)$", RegexOptions.Multiline);
        Assert.True(seed.Success, "the app's environment should say whether to seed");
        Assert.Equal("${ARTSOUK_SEED:-false}", seed.Groups[1].Value.Trim());
    }

    [Fact]
    public void Every_service_has_a_health_check()
    {
        var compose = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docker-compose.yml"));
        var services = Regex.Matches(compose, @"^  ([a-z]+):\s*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .TakeWhile(s => s != "volumes").ToList();
        Assert.Equal(["app", "postgres", "elasticsearch", "redis", "mailpit"], services);
        Assert.Equal(services.Count, Regex.Count(compose, @"^    healthcheck:", RegexOptions.Multiline));
    }

    [Fact]
    public void The_app_searches_on_the_elasticsearch_9_service_and_waits_for_it()
    {
        var compose = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docker-compose.yml"));
        var image = Regex.Match(compose, @"^    image: docker\.elastic\.co/elasticsearch/elasticsearch:(\d+)\.(\d+)\.(\d+)\s*$", RegexOptions.Multiline);
        Assert.True(image.Success, "the elasticsearch service should run the official image with a pinned version");
        // The official client is 9.x; it speaks compatible-with=9, which an 8.x node refuses.
        Assert.Equal("9", image.Groups[1].Value);
        Assert.Matches(@"(?m)^      Search__Provider: Elasticsearch\s*$", compose);
        Assert.Matches(@"(?m)^      Search__ElasticsearchUrl: http://elasticsearch:9200\s*$", compose);
        var app = compose[compose.IndexOf("\n  app:", StringComparison.Ordinal)..compose.IndexOf("\n  postgres:", StringComparison.Ordinal)];
        Assert.Matches(@"(?m)^      elasticsearch:\s*\n        condition: service_healthy", app);
    }

    private static List<string> AppEnvironment()
    {
        var compose = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docker-compose.yml"));
        var app = compose[compose.IndexOf("\n  app:", StringComparison.Ordinal)..];
        var environment = app[app.IndexOf("    environment:", StringComparison.Ordinal)..];
        var end = Regex.Match(environment[1..], @"^    [a-z_]+:", RegexOptions.Multiline);
        return EnvironmentLine().Matches(environment[..(end.Index + 1)]).Select(m => m.Groups[1].Value).ToList();
    }

    private static HashSet<string> KnownKeys()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, type) in Bound)
        {
            Collect(section, type, keys);
        }
        return keys;
    }

    private static void Collect(string prefix, Type type, HashSet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && property.PropertyType != typeof(Uri))
            {
                Collect(key, property.PropertyType, keys);
            }
            else
            {
                keys.Add(key);
            }
        }
    }
}
