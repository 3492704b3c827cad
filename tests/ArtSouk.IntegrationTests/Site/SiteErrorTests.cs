using System.Net;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>The site's own error pages: a failure while reading content is the designed 500 page, never a stack trace.</summary>
public sealed class SiteErrorTests
{
    [Theory]
    [InlineData("en", "Sorry, something went wrong on our side.", "حدث خطأ.")]
    [InlineData("ar", "نعتذر، حدث خطأ من جهتنا.", "Something went wrong.")]
    public async Task A_failure_reading_content_shows_the_bilingual_500_page_without_a_stack_trace(string locale, string said, string other)
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        using var browser = app.CreateClient();
        // The schema is in place once the host says it is ready.
        for (var i = 0; i < 120 && (await browser.GetAsync("/health/ready", TestContext.Current.CancellationToken)).StatusCode != HttpStatusCode.OK; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
        // The read model disappears under the running host: every content read now throws inside ContentReader.
        SqliteConnection.ClearAllPools();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataPath, "artsouk.db")}"))
        {
            await db.OpenAsync(TestContext.Current.CancellationToken);
            await using var rename = db.CreateCommand();
            rename.CommandText = "ALTER TABLE delivery_items RENAME TO delivery_items_gone";
            await rename.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        SqliteConnection.ClearAllPools();

        using var response = await browser.GetAsync($"/{locale}/artists", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(said, html, StringComparison.Ordinal);
        Assert.Contains(other, html, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{locale}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ArtSouk.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("delivery_items", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/en/no/such/deep/path")]
    [InlineData("/ar/%01")] // %00 never reaches the app: Kestrel answers 400 and TestServer throws
    [InlineData("/en/artworks/%E0%A4%A")]
    [InlineData("/xx/artists")]
    [InlineData("/en/artworks/no-such-artwork")]
    public async Task Unknown_or_malformed_paths_are_404(string path)
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        using var browser = app.CreateClient();
        using var response = await browser.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
