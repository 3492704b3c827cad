using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Payouts;

/// <summary>One sold order line as its seller is paid for it: its share of the order's refunds already taken off.</summary>
internal sealed record SaleLineView(Guid OrderId, Guid EntryId, string? Title, int Quantity, string State, DateTimeOffset PaidAt,
    PriceView Gross, PriceView Refunded);

/// <summary>What the platform owes one seller (an artist or gallery entry; none for the platform's own tickets).</summary>
internal sealed record PayoutView(Guid? SellerId, string? Seller, int Lines, PriceView Gross, PriceView Refunded, PriceView Net,
    PriceView Commission, PriceView Payout);

internal sealed record PayoutReport(DateTimeOffset From, DateTimeOffset To, decimal CommissionPercent, IReadOnlyList<PayoutView> Sellers, PayoutView Total);

internal sealed record SalesView(PayoutView Summary, IReadOnlyList<SaleLineView> Lines);

/// <summary>
/// Sales and payouts, read from paid orders (paid, fulfilled, completed, refunded). A line's seller is the artist or
/// gallery its entry references in the CMS now. An order's refunds are shared among its lines by their amounts (the
/// last line takes the rounding remainder), and the commission is taken once per seller from the net, rounded half away
/// from zero to the halala.
/// </summary>
internal static class Sales
{
    private static readonly string[] Sold = [OrderStates.Paid, OrderStates.Fulfilled, OrderStates.Completed, OrderStates.Refunded];
    private static readonly string[] SellerFields = ["artist", "gallery"];

    public static void MapSales(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/manage/payouts", PayoutsAsync).RequireAuthorization(Policies.Administer).WithTags("Commerce")
            .WithSummary("What each seller is owed for works paid in [from, to): gross, refunds, the platform's commission and the payout");
        app.MapGet("/api/v1/commerce/sales", SalesAsync).RequireAuthorization().WithTags("Commerce")
            .WithSummary("An artist's or gallery's own sales and payout; curators and administrators name the seller with ?seller=");
    }

    private sealed record Line(Guid OrderId, Guid EntryId, Guid? SellerId, string State, DateTimeOffset PaidAt, int Quantity, long Gross, long Refunded);

    private static async Task<Results<Ok<PayoutReport>, BadRequestProblem>> PayoutsAsync(
        string? from, string? to, HttpContext http, CommerceDbContext db, ContentReader reader, IOptions<CommerceOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (Period(from, to, clock) is not { } period)
        {
            return BadPeriod(http);
        }
        var locale = Locales.FromRequest(http.Request);
        var lines = await LinesAsync(db, reader, period.From, period.To, null, ct);
        var names = await NamesAsync(reader, lines.Select(l => l.SellerId), locale, ct);
        var percent = options.Value.CommissionPercent;
        var sellers = lines.GroupBy(l => l.SellerId)
            .Select(g => Summary(g.Key, g.Key is { } id ? names.GetValueOrDefault(id) : null, g.ToList(), percent))
            .OrderByDescending(p => p.Payout.Amount).ThenBy(p => p.Seller, StringComparer.Ordinal).ToList();
        var total = Total(sellers);
        return TypedResults.Ok(new PayoutReport(period.From, period.To, percent, sellers, total));
    }

    private static async Task<Results<Ok<SalesView>, BadRequestProblem, ForbiddenProblem>> SalesAsync(
        Guid? seller, string? from, string? to, HttpContext http, CommerceDbContext db, ContentReader reader, IOptions<CommerceOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        Guid? own = Guid.TryParse(http.User.FindFirstValue(AccountClaims.ProfileEntry), out var profile) ? profile : null;
        var staff = http.User.IsInRole(Roles.Administrator) || http.User.IsInRole(Roles.Curator);
        var who = seller ?? own;
        if (who is null || (who != own && !staff))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request,
                "يرى الفنانون والصالات مبيعاتهم فقط؛ ويرى القيّمون والمديرون مبيعات أي بائع",
                "Artists and galleries see their own sales only; curators and administrators see any seller's"));
        }
        if (Period(from, to, clock) is not { } period)
        {
            return BadPeriod(http);
        }
        var locale = Locales.FromRequest(http.Request);
        var lines = await LinesAsync(db, reader, period.From, period.To, who, ct);
        var names = await NamesAsync(reader, [who], locale, ct);
        var titles = await reader.GetManyAsync(lines.Select(l => l.EntryId).Distinct().ToList(), locale, preview: false, ct);
        var views = lines.OrderByDescending(l => l.PaidAt).Select(l => new SaleLineView(l.OrderId, l.EntryId,
            titles.TryGetValue(l.EntryId, out var item) ? Text(item, "title") : null, l.Quantity, l.State, l.PaidAt,
            Price(l.Gross), Price(l.Refunded))).ToList();
        return TypedResults.Ok(new SalesView(Summary(who, names.GetValueOrDefault(who.Value), lines, options.Value.CommissionPercent), views));
    }

    private static async Task<List<Line>> LinesAsync(CommerceDbContext db, ContentReader reader, DateTimeOffset from, DateTimeOffset to, Guid? onlySeller, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines)
            .Where(o => Sold.Contains(o.State) && o.PaidAt != null && o.PaidAt >= from && o.PaidAt < to)
            .ToListAsync(ct);
        var entries = await reader.GetManyAsync(orders.SelectMany(o => o.Lines).Select(l => l.EntryId).Distinct().ToList(), Locales.Arabic, preview: false, ct);
        var lines = new List<Line>();
        foreach (var order in orders)
        {
            var ordered = order.Lines.OrderBy(l => l.Id).ToList();
            var total = ordered.Sum(l => l.UnitMinor * l.Quantity);
            var refundLeft = order.RefundedMinor;
            for (var i = 0; i < ordered.Count; i++)
            {
                var line = ordered[i];
                var gross = line.UnitMinor * line.Quantity;
                var refunded = i == ordered.Count - 1 || total == 0 ? refundLeft
                    : (long)Math.Round((decimal)order.RefundedMinor * gross / total, MidpointRounding.AwayFromZero);
                refunded = Math.Min(refunded, refundLeft);
                refundLeft -= refunded;
                var sellerId = entries.TryGetValue(line.EntryId, out var entry) ? SellerOf(entry) : null;
                if (onlySeller is null || sellerId == onlySeller)
                {
                    lines.Add(new Line(order.Id, line.EntryId, sellerId, order.State, order.PaidAt!.Value, line.Quantity, gross, refunded));
                }
            }
        }
        return lines;
    }

    private static PayoutView Summary(Guid? sellerId, string? name, IReadOnlyCollection<Line> lines, decimal percent)
    {
        var gross = lines.Sum(l => l.Gross);
        var refunded = lines.Sum(l => l.Refunded);
        var net = gross - refunded;
        var commission = Commission(net, percent);
        return new PayoutView(sellerId, name, lines.Count, Price(gross), Price(refunded), Price(net), Price(commission), Price(net - commission));
    }

    /// <summary>The platform's share of <paramref name="netMinor"/>, to the halala, half away from zero.</summary>
    public static long Commission(long netMinor, decimal percent) => (long)Math.Round(netMinor * percent / 100m, MidpointRounding.AwayFromZero);

    private static PayoutView Total(IReadOnlyCollection<PayoutView> sellers)
    {
        static PriceView Sum(IEnumerable<PriceView> prices) => new(prices.Sum(p => p.Amount), Money.Sar);
        return new PayoutView(null, null, sellers.Sum(s => s.Lines), Sum(sellers.Select(s => s.Gross)), Sum(sellers.Select(s => s.Refunded)),
            Sum(sellers.Select(s => s.Net)), Sum(sellers.Select(s => s.Commission)), Sum(sellers.Select(s => s.Payout)));
    }

    private static Guid? SellerOf(ContentItem entry)
    {
        if (JsonNode.Parse(entry.FieldsJson) is not JsonObject fields)
        {
            return null;
        }
        foreach (var name in SellerFields)
        {
            switch (fields[name])
            {
                case JsonValue value when value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id):
                    return id;
                case JsonObject reference when reference["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id):
                    return id;
            }
        }
        return null;
    }

    private static async Task<Dictionary<Guid, string?>> NamesAsync(ContentReader reader, IEnumerable<Guid?> sellers, string locale, CancellationToken ct)
    {
        var ids = sellers.OfType<Guid>().Distinct().ToList();
        var items = await reader.GetManyAsync(ids, locale, preview: false, ct);
        return ids.ToDictionary(id => id, id => items.TryGetValue(id, out var item) ? Text(item, "name") : null);
    }

    private static string? Text(ContentItem item, string field) =>
        JsonNode.Parse(item.FieldsJson) is JsonObject fields && fields[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static PriceView Price(long minor) => PriceView.Of(new Money(minor, Money.Sar));

    /// <summary>[from, to): from defaults to 2000-01-01, to to a year ahead; dates without an offset are UTC.</summary>
    private static (DateTimeOffset From, DateTimeOffset To)? Period(string? from, string? to, TimeProvider clock)
    {
        var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = clock.GetUtcNow().AddYears(1);
        if (!string.IsNullOrEmpty(from) && !DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out start))
        {
            return null;
        }
        if (!string.IsNullOrEmpty(to) && !DateTimeOffset.TryParse(to, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out end))
        {
            return null;
        }
        return end <= start ? null : (start.ToUniversalTime(), end.ToUniversalTime());
    }

    private static BadRequestProblem BadPeriod(HttpContext http)
    {
        var message = Locales.Say(http.Request, "from وto تاريخان (ISO 8601) وfrom قبل to", "from and to are ISO 8601 dates, from before to");
        return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["from"] = [message] });
    }
}
