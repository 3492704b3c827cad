using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>A bad setting stops the real process before it listens, with a message naming the key.</summary>
public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Database__Provider", "Postgres", "Database:ConnectionString is required when Database:Provider is Postgres")]
    [InlineData("Outbox__MaxAttempts", "0", "Outbox:MaxAttempts must be between 1 and 100")]
    [InlineData("Outbox__Retention", "00:00:01", "Outbox:Retention must be between one minute and ten years")]
    [InlineData("Delivery__MaxAgeSeconds", "-5", "Delivery:MaxAgeSeconds must be between 0 and 31536000")]
    [InlineData("ArtSouk__Admin__Email", "not-an-address", "ArtSouk:Admin:Email \"not-an-address\" is not an e-mail address")]
    public async Task An_invalid_setting_stops_start_up_naming_the_key(string variable, string value, string expected)
    {
        var (exitCode, output, error) = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { [variable] = value },
            TestContext.Current.CancellationToken);
        Assert.Equal(1, exitCode);
        Assert.Contains("Invalid configuration:", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error + output);
    }
}
