using ArtSouk.Cms.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Where the suite and developers run (Development), a query that pages or takes the first of rows in no set order
/// fails at once, so every such query in the code is one the suite has seen work: rows in no order are a different page
/// on another run or store.
/// </summary>
[Collection("sqlite")]
public sealed class QueryOrderTests(SqliteHost host)
{
    [Fact]
    public async Task A_page_of_rows_in_no_order_fails_in_development_and_an_ordered_one_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();

        var unordered = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Entries.Skip(1).Take(5).ToListAsync(ct));
        Assert.Contains("RowLimitingOperationWithoutOrderByWarning", unordered.Message, StringComparison.Ordinal);
        var first = await Assert.ThrowsAsync<InvalidOperationException>(() => db.Entries.FirstAsync(ct));
        Assert.Contains("FirstWithoutOrderByAndFilterWarning", first.Message, StringComparison.Ordinal);

        Assert.Equal(5, (await db.Entries.OrderBy(e => e.Id).Skip(1).Take(5).ToListAsync(ct)).Count);
    }
}
