using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Commerce.Orders;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// One host per provider for the ticket tests: a hand-moved clock (sales windows, holds and waiting-list offers expire by
/// it) and a loopback SMTP server the host's MailKit sender talks to.
/// </summary>
public abstract class TicketShop(string provider) : IAsyncLifetime
{
    public static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private ArtSoukApp? _app;

    public ManualClock Clock { get; } = new();

    public SmtpSink Smtp { get; } = new();

    public string? SkipReason { get; private set; }

    public ArtSoukApp App => _app ?? throw new InvalidOperationException(SkipReason);

    public async ValueTask InitializeAsync()
    {
        string? connection = null;
        if (provider == "postgres")
        {
            try
            {
                connection = await Postgres.CreateDatabaseAsync();
            }
            catch (PostgresUnavailableException ex)
            {
                SkipReason = ex.Message;
                return;
            }
        }
        _app = new ArtSoukApp(connection, seed: false, services: s => s.AddSingleton<TimeProvider>(Clock), settings: new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["ArtSouk:PublicUrl"] = "https://artsouk.example",
            ["Commerce:WaitingListHoldTime"] = "00:30:00",
            // The clock moves forward by hours over the class; tokens must outlive it.
            ["Accounts:AccessTokenLifetime"] = "1.00:00:00",
        });
        _ = _app.Services;
    }

    /// <summary>The next message to <paramref name="address"/> whose subject contains <paramref name="subject"/>; others are kept for later calls.</summary>
    public Task<MimeMessage> MailAsync(string address, string subject) => Smtp.NextToAsync(address, subject, MailWait);

    /// <summary>Whether a message to <paramref name="address"/> about <paramref name="subject"/> arrived (waiting briefly for stragglers).</summary>
    public Task<bool> AnyMailAsync(string address, string subject, TimeSpan wait) => Smtp.AnyToAsync(address, subject, wait);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteTicketShop() : TicketShop("sqlite");

public sealed class PostgresTicketShop() : TicketShop("postgres");

/// <summary>
/// Ticket types of events and workshops: set by their sellers, shown on Delivery items, sold within their sales window and
/// never beyond their capacity, with a waiting list that holds freed seats for the first in line; and full refunds that put
/// goods back on sale; ticket lines in the cart beside listed works.
/// </summary>
public abstract class CommerceTicketTests(TicketShop shop)
{
    private TicketShop Shop
    {
        get
        {
            if (shop.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return shop;
        }
    }

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string> CodeAsync(HttpResponseMessage response) => await People.CodeAsync(response);

    private Task<HttpClient> AdminAsync() => Shop.App.AdminClientAsync();

    private async Task<(HttpClient Client, string Email)> BuyerAsync(string locale = "ar")
    {
        var (_, email) = await People.RegisterAsync(Shop.App, locale);
        return (await People.SignedInAsync(Shop.App, email), email);
    }

    private static async Task<Guid> EventAsync(HttpClient admin, string type = "event", string arabic = "ليلة الخط", string english = "Calligraphy Night")
    {
        var fields = new Dictionary<string, object> { ["title"] = new { ar = Unique(arabic), en = Unique(english) }, ["startsAt"] = "2027-03-01T17:00:00Z" };
        if (type == "event")
        {
            fields["kind"] = "exhibition";
        }
        return await admin.CreateEntryAsync(type, fields);
    }

    private static async Task<JsonObject> TicketTypeAsync(HttpClient admin, Guid entry, string arabic, string english, decimal amount, int capacity,
        DateTimeOffset? salesStart = null, DateTimeOffset? salesEnd = null)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/manage/listings/{entry}/ticket-types",
            new { name = new { ar = arabic, en = english }, price = new { amount, currency = "SAR" }, capacity, salesStart, salesEnd });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"ticket type: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return await JsonAsync(created);
    }

    private static Task<HttpResponseMessage> BuyAsync(HttpClient buyer, Guid entry, JsonObject ticketType, int quantity = 1, string locale = "ar") =>
        buyer.PostAsJsonAsync($"/api/v1/checkout?locale={locale}",
            new { items = new[] { new { entryId = entry, ticketTypeId = Guid.Parse(ticketType["id"]!.GetValue<string>()), quantity } }, paymentMethod = "bank-transfer" });

    private async Task<JsonArray> TicketsOnDeliveryAsync(Guid entry, string type = "event") =>
        (await Shop.App.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/{type}/{entry}?locale=en"))!["tickets"]!.AsArray();

    private static JsonObject Named(JsonArray tickets, string english) => tickets.Single(t => t!["name"]!["en"]!.GetValue<string>() == english)!.AsObject();

    private static string Id(JsonObject o) => o["id"]!.GetValue<string>();

    private async Task SweepAsync()
    {
        await using var scope = Shop.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReservationSweeper>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_events_ticket_types_show_on_its_Delivery_item_with_bilingual_names_prices_seats_and_sales_window()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var now = Shop.Clock.GetUtcNow();
        await TicketTypeAsync(admin, evening, "عام", "General", 150m, 80);
        await TicketTypeAsync(admin, evening, "طالب", "Student", 75.50m, 20, salesEnd: now.AddDays(10));
        await TicketTypeAsync(admin, evening, "كبار الشخصيات", "VIP", 12500m, 10, salesStart: now.AddDays(3));

        var tickets = await TicketsOnDeliveryAsync(evening);
        Assert.Equal(["General", "Student", "VIP"], tickets.Select(t => t!["name"]!["en"]!.GetValue<string>()));
        var student = Named(tickets, "Student");
        Assert.Equal("طالب", student["name"]!["ar"]!.GetValue<string>());
        Assert.Equal(75.50m, student["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("SAR", student["price"]!["currency"]!.GetValue<string>());
        Assert.Equal("available", student["availability"]!.GetValue<string>());
        Assert.Equal(20, student["stock"]!.GetValue<int>());
        Assert.Equal("open", student["sales"]!.GetValue<string>());
        Assert.Equal(now.AddDays(10).ToUnixTimeSeconds(), student["salesEnd"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        Assert.Equal("upcoming", Named(tickets, "VIP")["sales"]!.GetValue<string>());

        // A change shows at once, as a listing's does.
        var general = Named(tickets, "General");
        var put = await admin.PutAsJsonAsync($"/api/v1/manage/listings/{evening}/ticket-types/{Id(general)}",
            new { name = new { ar = "عام", en = "General" }, price = new { amount = 175m, currency = "SAR" }, capacity = 100 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(175m, Named(await TicketsOnDeliveryAsync(evening), "General")["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/listings/{evening}/ticket-types"))!.Count);
    }

    [Fact]
    public async Task Ticket_types_follow_the_listing_rules_and_every_refusal_is_a_problem()
    {
        var admin = await AdminAsync();
        var own = await admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var (artist, _) = await Shop.App.AccountAsync(admin, "artist", own);
        var (gallery, _) = await Shop.App.AccountAsync(admin, "gallery", await admin.CreateEntryAsync("gallery", new { name = new { ar = Unique("صالة"), en = Unique("Gallery") } }));
        var theirs = await EventAsync(admin, "workshop");
        var artwork = await admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist = own });
        var body = new { name = new { ar = "عام", en = "General" }, price = new { amount = 100m, currency = "SAR" }, capacity = 10 };
        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, await CodeAsync(response));
        }

        await Expect(await gallery.PostAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types", body), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await gallery.GetAsync($"/api/v1/manage/listings/{theirs}/ticket-types"), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await artist.PostAsJsonAsync($"/api/v1/manage/listings/{artwork}/ticket-types", body), HttpStatusCode.UnprocessableEntity, "tickets-events-only");
        await Expect(await admin.PostAsJsonAsync($"/api/v1/manage/listings/{Guid.NewGuid()}/ticket-types", body), HttpStatusCode.NotFound, "not-found");
        await Expect(await admin.GetAsync($"/api/v1/manage/listings/{Guid.NewGuid()}/ticket-types"), HttpStatusCode.NotFound, "not-found");
        var invalid = await admin.PostAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types?locale=ar",
            new { name = new { ar = "" }, price = new { amount = 10.001m, currency = "SAR" }, capacity = -1, salesStart = "2027-01-02T00:00:00Z", salesEnd = "2027-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var refusal = await People.ProblemAsync(invalid);
        Assert.Equal("validation-failed", refusal["code"]!.GetValue<string>());
        var errors = refusal["errors"]!.AsObject();
        Assert.Equal(["capacity", "name", "price.amount", "salesEnd"], errors.Select(e => e.Key).Order());
        Assert.Contains("ريال", errors["price.amount"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var type = await TicketTypeAsync(admin, theirs, "عام", "General", 100m, 2);
        await Expect(await admin.PutAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{type["id"]}", new { price = new { amount = 1m } }),
            HttpStatusCode.BadRequest, "validation-failed");
        await Expect(await gallery.PutAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{type["id"]}", body), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await admin.PutAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{Guid.NewGuid()}", body), HttpStatusCode.NotFound, "not-found");
        await Expect(await admin.PutAsJsonAsync($"/api/v1/manage/listings/{Guid.NewGuid()}/ticket-types/{type["id"]}", body), HttpStatusCode.NotFound, "not-found");
        await Expect(await admin.DeleteAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "not-found");
        await Expect(await admin.DeleteAsync($"/api/v1/manage/listings/{Guid.NewGuid()}/ticket-types/{type["id"]}"), HttpStatusCode.NotFound, "not-found");
        await Expect(await gallery.DeleteAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{type["id"]}"), HttpStatusCode.Forbidden, "forbidden");

        // Sold seats pin the type: capacity cannot drop below them and the type cannot be removed.
        var (buyer, _) = await BuyerAsync();
        var order = (await JsonAsync(await BuyAsync(buyer, theirs, type, quantity: 2)))["id"]!.GetValue<string>();
        await Expect(await admin.DeleteAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{type["id"]}"), HttpStatusCode.Conflict, "conflict");
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-T1" })).EnsureSuccessStatusCode();
        await Expect(await admin.PutAsJsonAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{type["id"]}", body with { capacity = 1 }),
            HttpStatusCode.Conflict, "conflict");

        var unused = await TicketTypeAsync(admin, theirs, "مجاني", "Free", 0m, 5);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/listings/{theirs}/ticket-types/{unused["id"]}")).StatusCode);
        Assert.DoesNotContain(await TicketsOnDeliveryAsync(theirs, "workshop"), t => t!["id"]!.GetValue<string>() == Id(unused));
    }

    [Fact]
    public async Task Of_buyers_racing_for_the_last_seats_of_a_ticket_type_exactly_as_many_get_them_as_there_are_seats()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var vip = await TicketTypeAsync(admin, evening, "كبار الشخصيات", "VIP", 900m, 5);
        var general = await TicketTypeAsync(admin, evening, "عام", "General", 100m, 50);
        var buyers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => BuyerAsync()));
        var answers = await Race.AllAsync(40, async i =>
        {
            var response = await BuyAsync(buyers[i].Client, evening, vip);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var losers = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(35, losers.Count(a => a.StatusCode == HttpStatusCode.Conflict && a.MediaType == "application/problem+json"));
        Assert.All(losers, a => Assert.Contains(JsonNode.Parse(a.Body)!["code"]!.GetValue<string>(), new[] { "sold_out", "reserved" }));

        var counters = (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/listings/{evening}/ticket-types"))!;
        var held = counters.Single(t => t!["id"]!.GetValue<string>() == Id(vip))!;
        Assert.Equal(5, held["reserved"]!.GetValue<int>());
        Assert.Equal(0, held["stock"]!.GetValue<int>());
        // Another type of the same event is counted apart.
        Assert.Equal(50, Named(await TicketsOnDeliveryAsync(evening), "General")["stock"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(buyers[0].Client, evening, general, quantity: 3)).StatusCode);
    }

    [Fact]
    public async Task Outside_its_sales_window_a_ticket_type_is_a_409_problem_in_the_buyers_language()
    {
        var admin = await AdminAsync();
        var workshop = await EventAsync(admin, "workshop", "ورشة الخزف", "Ceramics Workshop");
        var now = Shop.Clock.GetUtcNow();
        var early = await TicketTypeAsync(admin, workshop, "حجز مبكر", "Early bird", 200m, 10, salesEnd: now.AddHours(1));
        var late = await TicketTypeAsync(admin, workshop, "عام", "General", 300m, 10, salesStart: now.AddHours(3));
        var (buyer, _) = await BuyerAsync();

        var notYet = await BuyAsync(buyer, workshop, late, locale: "ar");
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        var problem = await People.ProblemAsync(notYet);
        Assert.Equal("sales_not_started", problem["code"]!.GetValue<string>());
        Assert.Contains("يبدأ بيع تذاكر «عام»", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(buyer, workshop, early)).StatusCode);
        Shop.Clock.Advance(TimeSpan.FromHours(1));
        var ended = await BuyAsync(buyer, workshop, early, locale: "en");
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        var over = await People.ProblemAsync(ended);
        Assert.Equal("sales_ended", over["code"]!.GetValue<string>());
        Assert.Contains("Sales of “Early bird” tickets ended", over["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // An event sold by type needs the type; a type of another entry is not found.
        var untyped = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = workshop, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, untyped.StatusCode);
        Assert.Equal("ticket-type-required", await CodeAsync(untyped));
        var elsewhere = await BuyAsync(buyer, await EventAsync(admin), early);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal("not-found", await CodeAsync(elsewhere));

        Shop.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(buyer, workshop, late)).StatusCode);
    }

    [Fact]
    public async Task A_freed_seat_is_held_for_the_first_on_the_waiting_list_who_is_mailed_in_their_language_then_passed_on_if_unclaimed()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin, arabic: "أمسية العود", english: "Oud Evening");
        var type = await TicketTypeAsync(admin, evening, "عام", "General", 250m, 1);
        var typeId = Id(type);
        var (first, _) = await BuyerAsync();
        var (arabicWaiter, arabicEmail) = await BuyerAsync("ar");
        var (englishWaiter, englishEmail) = await BuyerAsync("en");
        var (latecomer, _) = await BuyerAsync();

        // While a seat is free there is nothing to wait for.
        var early = await arabicWaiter.PostAsJsonAsync($"/api/v1/tickets/{typeId}/waiting-list", new { quantity = 1 });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("seats-available", await CodeAsync(early));

        var order = (await JsonAsync(await BuyAsync(first, evening, type)))["id"]!.GetValue<string>();
        var joined = await arabicWaiter.PostAsJsonAsync($"/api/v1/tickets/{typeId}/waiting-list?locale=ar", new { quantity = 1 });
        Assert.Equal(HttpStatusCode.Created, joined.StatusCode);
        Assert.Equal(1, (await JsonAsync(joined))["position"]!.GetValue<int>());
        // The clock stands still unless moved: the second person joins a moment later, as people do.
        Shop.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await JsonAsync(await englishWaiter.PostAsJsonAsync($"/api/v1/tickets/{typeId}/waiting-list?locale=en", new { }));
        Assert.Equal(2, second["position"]!.GetValue<int>());
        // Joining again keeps one's place.
        var again = await arabicWaiter.PostAsJsonAsync($"/api/v1/tickets/{typeId}/waiting-list", new { quantity = 1 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await JsonAsync(again))["position"]!.GetValue<int>());
        Assert.Equal(2, Named(await TicketsOnDeliveryAsync(evening), "General")["waiting"]!.GetValue<int>());

        // The buyer cancels: the seat is held for the first in line, not put up for grabs.
        Assert.Equal(HttpStatusCode.OK, (await first.PostAsync($"/api/v1/orders/{order}/cancel", null)).StatusCode);
        var offer = await Shop.MailAsync(arabicEmail, "مقعد متاح لك");
        Assert.Contains("dir=\"rtl\"", offer.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("أمسية العود", offer.Subject, StringComparison.Ordinal);
        Assert.Contains("عام", offer.TextBody, StringComparison.Ordinal);
        Assert.Contains("ر.س", offer.TextBody, StringComparison.Ordinal);
        var grab = await BuyAsync(latecomer, evening, type);
        Assert.Equal(HttpStatusCode.Conflict, grab.StatusCode);
        Assert.Equal("reserved", await CodeAsync(grab));

        // The first in line claims it by checking out; then cancels too, and it passes to the next, in English.
        var claimed = await BuyAsync(arabicWaiter, evening, type);
        Assert.Equal(HttpStatusCode.Created, claimed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await arabicWaiter.PostAsync($"/api/v1/orders/{(await JsonAsync(claimed))["id"]}/cancel", null)).StatusCode);
        var passed = await Shop.MailAsync(englishEmail, "A seat is free for you");
        Assert.Contains("Oud Evening", passed.Subject, StringComparison.Ordinal);
        Assert.Contains("SAR 250.00", passed.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", passed.HtmlBody, StringComparison.Ordinal);

        // Unclaimed, the offer lapses with its hold and the seat is anyone's again.
        Shop.Clock.Advance(TimeSpan.FromMinutes(31));
        await SweepAsync();
        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(latecomer, evening, type)).StatusCode);
        var lapsed = await BuyAsync(englishWaiter, evening, type);
        Assert.Equal(HttpStatusCode.Conflict, lapsed.StatusCode);
    }

    [Fact]
    public async Task Waiting_list_refusals_are_problems()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var type = await TicketTypeAsync(admin, evening, "عام", "General", 50m, 1);
        var (buyer, _) = await BuyerAsync();
        var key = await Shop.App.KeyClientAsync(admin, "manage");
        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, await CodeAsync(response));
        }

        await Expect(await buyer.PostAsJsonAsync($"/api/v1/tickets/{Guid.NewGuid()}/waiting-list", new { }), HttpStatusCode.NotFound, "not-found");
        await Expect(await buyer.PostAsJsonAsync($"/api/v1/tickets/{type["id"]}/waiting-list", new { quantity = 50 }), HttpStatusCode.BadRequest, "validation-failed");
        await Expect(await key.PostAsJsonAsync($"/api/v1/tickets/{type["id"]}/waiting-list", new { }), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await buyer.DeleteAsync($"/api/v1/tickets/{type["id"]}/waiting-list"), HttpStatusCode.NotFound, "not-found");

        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(buyer, evening, type)).StatusCode);
        var (waiter, _) = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Created, (await waiter.PostAsJsonAsync($"/api/v1/tickets/{type["id"]}/waiting-list", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await waiter.DeleteAsync($"/api/v1/tickets/{type["id"]}/waiting-list")).StatusCode);
        Assert.Equal(0, Named(await TicketsOnDeliveryAsync(evening), "General")["waiting"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_paid_ticket_mail_names_the_ticket_type_in_the_letter_and_the_calendar_entry()
    {
        var admin = await AdminAsync();
        var workshop = await admin.CreateEntryAsync("workshop", new { title = new { ar = "ورشة الخط العربي", en = "Arabic Calligraphy Workshop" }, startsAt = "2027-03-01T17:00:00Z" });
        var student = await TicketTypeAsync(admin, workshop, "طالب", "Student", 120m, 15);
        var (buyer, email) = await BuyerAsync("ar");
        var order = (await JsonAsync(await BuyAsync(buyer, workshop, student, quantity: 2)))["id"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-T2" })).EnsureSuccessStatusCode();

        var receipt = await Shop.MailAsync(email, "استلمنا دفعتك");
        Assert.Contains("ورشة الخط العربي — طالب × 2", receipt.TextBody, StringComparison.Ordinal);
        var ics = receipt.Attachments.OfType<MimePart>().Single(a => a.FileName?.EndsWith(".ics", StringComparison.Ordinal) == true);
        using var stream = new MemoryStream();
        ics.Content!.DecodeTo(stream);
        var calendar = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("SUMMARY:ورشة الخط العربي — طالب\r\n", calendar, StringComparison.Ordinal);
        var line = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order}"))!["lines"]![0]!;
        Assert.Equal(Id(student), line["ticketTypeId"]!.GetValue<string>());
        Assert.Equal(240m, line["total"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_event_page_lists_its_ticket_types_with_prices_seats_sales_window_and_a_buy_or_wait_button_in_both_languages()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin, arabic: "معرض الضوء", english: "Light Show");
        var now = Shop.Clock.GetUtcNow();
        var vip = await TicketTypeAsync(admin, evening, "كبار الشخصيات", "VIP", 12500m, 1, salesEnd: now.AddDays(5));
        await TicketTypeAsync(admin, evening, "عام", "General", 150m, 40);
        await TicketTypeAsync(admin, evening, "طالب", "Student", 75m, 10, salesStart: now.AddDays(1));
        var (buyer, _) = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Created, (await BuyAsync(buyer, evening, vip)).StatusCode);
        var item = (await Shop.App.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/event/{evening}?locale=ar"))!;
        var browser = Shop.App.CreateClient();
        async Task<string> PageAsync(string locale)
        {
            var path = item["translations"]![locale]!.GetValue<string>();
            var response = await browser.GetAsync(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var arabic = await PageAsync("ar");
        Assert.Contains("<data class=\"price\" value=\"12500\"><bdi>١٢٬٥٠٠ ر.س</bdi></data>", arabic, StringComparison.Ordinal);
        Assert.Contains("كبار الشخصيات", arabic, StringComparison.Ordinal);
        Assert.Contains("كل المقاعد محجوزة الآن", arabic, StringComparison.Ordinal);
        Assert.Contains("انضم إلى قائمة الانتظار", arabic, StringComparison.Ordinal);
        Assert.Contains("اشترِ التذاكر", arabic, StringComparison.Ordinal);
        Assert.Contains("متاح — ٤٠ من ٤٠ مقعد", arabic, StringComparison.Ordinal);
        Assert.Contains("يبدأ البيع", arabic, StringComparison.Ordinal);
        Assert.Contains("البيع متاح حتى", arabic, StringComparison.Ordinal);

        var english = await PageAsync("en");
        Assert.Contains("<bdi>SAR 12,500</bdi>", english, StringComparison.Ordinal);
        Assert.Contains("<bdi>SAR 150</bdi>", english, StringComparison.Ordinal);
        Assert.Contains("40 of 40 seats left", english, StringComparison.Ordinal);
        Assert.Contains("Join the waiting list", english, StringComparison.Ordinal);
        Assert.Contains("Buy tickets", english, StringComparison.Ordinal);
        Assert.Contains("On sale from", english, StringComparison.Ordinal);
        Assert.Contains($"action=\"/api/v1/tickets/{Id(vip)}/waiting-list\"", english, StringComparison.Ordinal);
        Assert.Matches("<script src=\"/_site/buyer\\.[0-9a-f]+\\.js\" defer>", english);
    }

    [Fact]
    public async Task A_full_refund_puts_a_unique_work_back_on_sale_and_a_partial_refund_does_not()
    {
        var admin = await AdminAsync();
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 12500m, currency = "SAR" }, availability = "available", stock = 1 })).EnsureSuccessStatusCode();
        async Task<JsonObject> ListingAsync() => (await Shop.App.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{work}?locale=en"))!["listing"]!.AsObject();
        var (buyer, _) = await BuyerAsync();
        var order = (await JsonAsync(await buyer.PostAsJsonAsync("/api/v1/checkout",
            new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" })))["id"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-R1" })).EnsureSuccessStatusCode();
        Assert.Equal("sold", (await ListingAsync())["availability"]!.GetValue<string>());

        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/refund", new { amount = 2500m })).EnsureSuccessStatusCode();
        Assert.Equal("sold", (await ListingAsync())["availability"]!.GetValue<string>());
        Assert.Equal(0, (await ListingAsync())["stock"]!.GetValue<int>());

        var full = await JsonAsync(await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/refund", new { }));
        Assert.Equal("refunded", full["state"]!.GetValue<string>());
        Assert.Equal("available", (await ListingAsync())["availability"]!.GetValue<string>());
        Assert.Equal(1, (await ListingAsync())["stock"]!.GetValue<int>());
        var (next, _) = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Created, (await next.PostAsJsonAsync("/api/v1/checkout",
            new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" })).StatusCode);
    }

    [Fact]
    public async Task A_full_refund_gives_an_edition_and_a_ticket_type_their_units_back()
    {
        var admin = await AdminAsync();
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var print = await admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("طبعة"), en = Unique("Print") }, artist });
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{print}", new { price = new { amount = 800m, currency = "SAR" }, stock = 3 })).EnsureSuccessStatusCode();
        var evening = await EventAsync(admin);
        var seats = await TicketTypeAsync(admin, evening, "عام", "General", 100m, 2);
        var (buyer, _) = await BuyerAsync();
        var created = await buyer.PostAsJsonAsync("/api/v1/checkout", new
        {
            items = new object[] { new { entryId = print, quantity = 3 }, new { entryId = evening, ticketTypeId = Guid.Parse(Id(seats)), quantity = 2 } },
            paymentMethod = "bank-transfer",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await JsonAsync(created))["id"]!.GetValue<string>();
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-R2" })).EnsureSuccessStatusCode();
        var listing = (await Shop.App.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{print}?locale=en"))!["listing"]!;
        Assert.Equal("sold", listing["availability"]!.GetValue<string>());
        Assert.Equal("sold", Named(await TicketsOnDeliveryAsync(evening), "General")["availability"]!.GetValue<string>());

        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/refund", new { })).EnsureSuccessStatusCode();
        listing = (await Shop.App.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{print}?locale=en"))!["listing"]!;
        Assert.Equal("available", listing["availability"]!.GetValue<string>());
        Assert.Equal(3, listing["stock"]!.GetValue<int>());
        var general = Named(await TicketsOnDeliveryAsync(evening), "General");
        Assert.Equal("available", general["availability"]!.GetValue<string>());
        Assert.Equal(2, general["stock"]!.GetValue<int>());
    }

    private async Task<Guid> ListedArtworkAsync(HttpClient admin, decimal amount)
    {
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability = "available", stock = 1 })).EnsureSuccessStatusCode();
        return work;
    }

    private static Task<HttpResponseMessage> AddToCartAsync(HttpClient client, Guid entry, JsonObject? ticketType, int quantity = 1, string locale = "ar") =>
        client.PostAsJsonAsync($"/api/v1/cart/items?locale={locale}", new { entryId = entry, quantity, ticketTypeId = ticketType is null ? (Guid?)null : Guid.Parse(Id(ticketType)) });

    private static async Task<JsonObject> CartAsync(HttpClient client, string locale = "ar") => (await client.GetFromJsonAsync<JsonObject>($"/api/v1/cart?locale={locale}"))!;

    private static JsonObject Line(JsonObject cart, JsonObject ticketType) =>
        cart["items"]!.AsArray().Single(i => i!["ticketType"]?["id"]?.GetValue<string>() == Id(ticketType))!.AsObject();

    private async Task<int> HeldAsync(HttpClient admin, Guid entry, JsonObject ticketType) =>
        (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/listings/{entry}/ticket-types"))!
            .Single(t => t!["id"]!.GetValue<string>() == Id(ticketType))!["reserved"]!.GetValue<int>();

    [Fact]
    public async Task Two_ticket_types_and_an_artwork_share_one_cart_and_check_out_as_one_order_holding_the_seats()
    {
        var admin = await AdminAsync();
        var workshop = await EventAsync(admin, "workshop", "ورشة الخزف", "Ceramics Workshop");
        var general = await TicketTypeAsync(admin, workshop, "عام", "General", 150m, 10);
        var student = await TicketTypeAsync(admin, workshop, "طالب", "Student", 75.50m, 5);
        var work = await ListedArtworkAsync(admin, 1000m);
        var (buyer, _) = await BuyerAsync();

        Assert.Equal(HttpStatusCode.OK, (await AddToCartAsync(buyer, workshop, general, quantity: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AddToCartAsync(buyer, workshop, student, quantity: 1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AddToCartAsync(buyer, work, null)).StatusCode);
        // Adding a type again sets its quantity; it stays one line.
        var cart = await JsonAsync(await AddToCartAsync(buyer, workshop, general, quantity: 2, locale: "en"));
        Assert.Equal(3, cart["items"]!.AsArray().Count);
        var line = Line(cart, general);
        Assert.Equal(workshop.ToString(), line["entryId"]!.GetValue<string>());
        Assert.Equal("General", line["ticketType"]!["name"]!.GetValue<string>());
        Assert.Equal(2, line["quantity"]!.GetValue<int>());
        Assert.Equal(150m, line["unitPrice"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("available", line["availability"]!.GetValue<string>());
        Assert.Equal(1375.50m, cart["total"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("طالب", Line(await CartAsync(buyer, "ar"), student)["ticketType"]!["name"]!.GetValue<string>());
        var artworkLine = cart["items"]!.AsArray().Single(i => i!["entryId"]!.GetValue<string>() == work.ToString())!;
        Assert.Null(artworkLine["ticketType"]);

        // One type's line leaves alone; the entry's route without a type empties the entry's lines.
        var removed = (await buyer.DeleteFromJsonAsync<JsonObject>($"/api/v1/cart/items/{workshop}?ticketTypeId={Id(student)}"))!;
        Assert.Equal(2, removed["items"]!.AsArray().Count);
        Assert.Equal(1300m, removed["total"]!["amount"]!.GetValue<decimal>());
        Assert.Single((await buyer.DeleteFromJsonAsync<JsonObject>($"/api/v1/cart/items/{workshop}"))!["items"]!.AsArray());
        await AddToCartAsync(buyer, workshop, general, quantity: 2);
        await AddToCartAsync(buyer, workshop, student, quantity: 1);

        var checkout = await buyer.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var order = await JsonAsync(checkout);
        var lines = order["lines"]!.AsArray();
        Assert.Equal(3, lines.Count);
        Assert.Equal(2, lines.Single(l => l!["ticketTypeId"]?.GetValue<string>() == Id(general))!["quantity"]!.GetValue<int>());
        Assert.Equal(1, lines.Single(l => l!["ticketTypeId"]?.GetValue<string>() == Id(student))!["quantity"]!.GetValue<int>());
        Assert.Single(lines, l => l!["entryId"]!.GetValue<string>() == work.ToString() && l["ticketTypeId"] is null);
        Assert.Equal(1375.50m, order["total"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(2, await HeldAsync(admin, workshop, general));
        Assert.Equal(1, await HeldAsync(admin, workshop, student));
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/listings/{work}"))!["reserved"]!.GetValue<int>());
        Assert.Equal(8, Named(await TicketsOnDeliveryAsync(workshop, "workshop"), "General")["stock"]!.GetValue<int>());
        Assert.Empty((await CartAsync(buyer))["items"]!.AsArray());
    }

    [Fact]
    public async Task An_anonymous_carts_ticket_lines_merge_on_sign_in_one_line_per_ticket_type()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var general = await TicketTypeAsync(admin, evening, "عام", "General", 100m, 20);
        var vip = await TicketTypeAsync(admin, evening, "كبار الشخصيات", "VIP", 900m, 5);
        var (account, _) = await BuyerAsync();
        (await AddToCartAsync(account, evening, general, quantity: 1)).EnsureSuccessStatusCode();

        var visitor = Shop.App.CreateClient();
        (await AddToCartAsync(visitor, evening, general, quantity: 3)).EnsureSuccessStatusCode();
        var anonymous = await JsonAsync(await AddToCartAsync(visitor, evening, vip, quantity: 2, locale: "en"));
        Assert.Equal(2, anonymous["items"]!.AsArray().Count);
        Assert.Equal("VIP", Line(anonymous, vip)["ticketType"]!["name"]!.GetValue<string>());

        // The visitor signs in in the same browser.
        visitor.DefaultRequestHeaders.Authorization = account.DefaultRequestHeaders.Authorization;
        var merged = await CartAsync(visitor);
        Assert.Equal(2, merged["items"]!.AsArray().Count);
        Assert.Equal(3, Line(merged, general)["quantity"]!.GetValue<int>());
        Assert.Equal(2, Line(merged, vip)["quantity"]!.GetValue<int>());
        Assert.Equal(2100m, merged["total"]!["amount"]!.GetValue<decimal>());

        var order = await JsonAsync(await account.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "bank-transfer" }));
        Assert.Equal([2, 3], order["lines"]!.AsArray().Select(l => l!["quantity"]!.GetValue<int>()).Order());
        Assert.Equal(3, await HeldAsync(admin, evening, general));
        Assert.Equal(2, await HeldAsync(admin, evening, vip));
    }

    [Fact]
    public async Task A_ticket_line_that_sold_out_or_closed_meanwhile_reads_so_in_the_cart_and_is_a_409_at_checkout()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var now = Shop.Clock.GetUtcNow();
        var few = await TicketTypeAsync(admin, evening, "الصف الأول", "Front row", 400m, 2);
        var early = await TicketTypeAsync(admin, evening, "حجز مبكر", "Early bird", 80m, 10, salesEnd: now.AddHours(1));
        var (buyer, _) = await BuyerAsync();
        var (rival, _) = await BuyerAsync();
        (await AddToCartAsync(buyer, evening, few, quantity: 2)).EnsureSuccessStatusCode();

        var rivalOrder = (await JsonAsync(await BuyAsync(rival, evening, few, quantity: 2)))["id"]!.GetValue<string>();
        Assert.Equal("reserved", Line(await CartAsync(buyer), few)["availability"]!.GetValue<string>());
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{rivalOrder}/mark-paid", new { reference = "TRF-CART-1" })).EnsureSuccessStatusCode();
        Assert.Equal("sold_out", Line(await CartAsync(buyer), few)["availability"]!.GetValue<string>());

        var refused = await buyer.PostAsJsonAsync("/api/v1/checkout?locale=ar", new { paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await People.ProblemAsync(refused);
        Assert.Equal("sold_out", problem["code"]!.GetValue<string>());
        Assert.Contains("نفدت تذاكر «الصف الأول»", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // Nothing was held, and the cart still holds the line.
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
        Assert.Single((await CartAsync(buyer))["items"]!.AsArray());

        await buyer.DeleteAsync($"/api/v1/cart/items/{evening}?ticketTypeId={Id(few)}");
        (await AddToCartAsync(buyer, evening, early, quantity: 1)).EnsureSuccessStatusCode();
        Shop.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("sales_ended", Line(await CartAsync(buyer), early)["availability"]!.GetValue<string>());
        var ended = await buyer.PostAsJsonAsync("/api/v1/checkout?locale=en", new { paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        var over = await People.ProblemAsync(ended);
        Assert.Equal("sales_ended", over["code"]!.GetValue<string>());
        Assert.Contains("Sales of “Early bird” tickets ended", over["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, await HeldAsync(admin, evening, early));
    }

    [Fact]
    public async Task Bad_ticket_lines_for_the_cart_are_problems_in_Arabic_and_English()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var general = await TicketTypeAsync(admin, evening, "عام", "General", 100m, 20);
        var otherEvent = await EventAsync(admin);
        var elsewhere = await TicketTypeAsync(admin, otherEvent, "عام", "General", 100m, 20);
        var (buyer, _) = await BuyerAsync();
        async Task<JsonObject> Expect(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            var problem = await People.ProblemAsync(response);
            Assert.Equal(code, problem["code"]!.GetValue<string>());
            return problem;
        }

        var untypedAr = await Expect(await AddToCartAsync(buyer, evening, null, locale: "ar"), HttpStatusCode.UnprocessableEntity, "ticket-type-required");
        Assert.Contains("أنواع تذاكر؛ أرسل ticketTypeId", untypedAr["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var untypedEn = await Expect(await AddToCartAsync(Shop.App.CreateClient(), evening, null, locale: "en"), HttpStatusCode.UnprocessableEntity, "ticket-type-required");
        Assert.Contains("sells tickets by type; send ticketTypeId", untypedEn["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var foreign = await Expect(await AddToCartAsync(buyer, evening, elsewhere, locale: "en"), HttpStatusCode.NotFound, "not-found");
        Assert.Contains($"has no ticket type {Id(elsewhere)}", foreign["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var unknown = await Expect(await buyer.PostAsJsonAsync("/api/v1/cart/items?locale=ar", new { entryId = evening, quantity = 1, ticketTypeId = Guid.NewGuid() }),
            HttpStatusCode.NotFound, "not-found");
        Assert.Contains("لا يوجد نوع تذكرة", unknown["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var none = await Expect(await AddToCartAsync(buyer, evening, general, quantity: 0, locale: "ar"), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal("الكمية من 1 إلى 100", none["errors"]!["quantity"]![0]!.GetValue<string>());
        var many = await Expect(await AddToCartAsync(buyer, evening, general, quantity: 101, locale: "en"), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal("quantity is 1 to 100", many["errors"]!["quantity"]![0]!.GetValue<string>());
        var nothing = await Expect(await buyer.PostAsJsonAsync("/api/v1/cart/items?locale=en", new { quantity = 1, ticketTypeId = Id(general) }),
            HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal("entryId is required", nothing["errors"]!["entryId"]![0]!.GetValue<string>());
        await Expect(await buyer.DeleteAsync($"/api/v1/cart/items/{evening}?ticketTypeId=general"), HttpStatusCode.BadRequest, "malformed-body");

        // None of it reached the cart.
        Assert.Empty((await CartAsync(buyer))["items"]!.AsArray());
    }

    [Fact]
    public async Task Removing_a_ticket_type_takes_its_cart_lines_along()
    {
        var admin = await AdminAsync();
        var evening = await EventAsync(admin);
        var kept = await TicketTypeAsync(admin, evening, "عام", "General", 100m, 20);
        var dropped = await TicketTypeAsync(admin, evening, "مجاني", "Free", 0m, 20);
        var (buyer, _) = await BuyerAsync();
        (await AddToCartAsync(buyer, evening, kept)).EnsureSuccessStatusCode();
        (await AddToCartAsync(buyer, evening, dropped)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/listings/{evening}/ticket-types/{Id(dropped)}")).StatusCode);
        var cart = await CartAsync(buyer);
        Assert.Equal([Id(kept)], cart["items"]!.AsArray().Select(i => i!["ticketType"]!["id"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, (await buyer.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "bank-transfer" })).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteCommerceTicketTests(SqliteTicketShop shop) : CommerceTicketTests(shop), IClassFixture<SqliteTicketShop>;

[Collection("postgres")]
public sealed class PostgresCommerceTicketTests(PostgresTicketShop shop) : CommerceTicketTests(shop), IClassFixture<PostgresTicketShop>;
