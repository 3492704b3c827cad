using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Sessions;

namespace ArtSouk.Manager.Auctions;

internal sealed record DeskLot(Guid Id, int Number, Guid EntryId, string State, string? Outcome, decimal StartingBid, decimal? CurrentBid,
    decimal NextValidAmount, DateTimeOffset EndsAt, bool HasReserve, bool ReserveMet, int BidCount, long? LeadingPaddle);

internal sealed record DeskText(string? Ar, string? En);

internal sealed record DeskSale(Guid Id, DeskText Title, string Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<DeskLot>? Lots);

internal sealed record DeskSales(IReadOnlyList<DeskSale> Items, string? Next);

/// <summary>A bid or the auctioneer's word as it reached the console from the hub.</summary>
internal sealed record DeskEvent(Guid LotId, string Kind, decimal? Amount, long? Paddle, DateTimeOffset At);

/// <summary>
/// The auctions API as the console calls it: with the signed-in administrator's token and language, so refusals
/// (a lot already closed, a timed sale) come back as the API's own bilingual problems.
/// </summary>
internal sealed class AuctionDesk(IHttpClientFactory clients, ApiAddress address, ManagerSession session)
{
    public Uri HubUrl => new(address.Base, "hubs/auctions");

    public Task<(DeskSales? Value, string? Problem)> SalesAsync(CancellationToken ct) => SendAsync<DeskSales>(HttpMethod.Get, "api/v1/auctions?limit=100", ct);

    public Task<(DeskSale? Value, string? Problem)> SaleAsync(Guid id, CancellationToken ct) => SendAsync<DeskSale>(HttpMethod.Get, $"api/v1/auctions/{id}", ct);

    /// <summary><paramref name="call"/> is <c>open</c>, <c>fair-warning</c>, <c>hammer</c> or <c>pass</c>.</summary>
    public Task<(DeskLot? Value, string? Problem)> CallAsync(Guid lot, string call, CancellationToken ct) =>
        SendAsync<DeskLot>(HttpMethod.Post, $"api/v1/manage/lots/{lot}/{call}", ct);

    private async Task<(T? Value, string? Problem)> SendAsync<T>(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(address.Base, path));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(session.Locale));
        if (session.AccessToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        try
        {
            using var response = await clients.CreateClient(ManagerApi.ClientName).SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return (await response.Content.ReadFromJsonAsync<T>(ManagerApi.Json, ct), null);
            }
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>(ManagerApi.Json, ct);
            return (default, problem?["detail"]?.ToString() ?? problem?["title"]?.ToString() ?? session.Text.StatusMessage((int)response.StatusCode));
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
        {
            return (default, session.Text.ApiUnreachable);
        }
    }
}
