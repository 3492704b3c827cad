using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Notices;

/// <summary>What a notice is about: one lot, one person; the mail is written when it is sent, in that person's language.</summary>
internal sealed record Notice(Guid LotId, Guid UserId, long PriceMinor);

internal static class NoticeTypes
{
    public const string Outbid = "auctions.outbid";
    public const string EndingSoon = "auctions.ending-soon";
    public const string Won = "auctions.won";
    public const string Lost = "auctions.lost";

    public static bool Are(string type) => type is Outbid or EndingSoon or Won or Lost;
}

/// <summary>
/// Writes bidders' notices to the auctions outbox inside the transaction of what caused them (an accepted bid, a
/// close), so a notice exists exactly when its cause committed; the outbox dispatcher mails them (<see cref="NoticeMail"/>).
/// </summary>
internal static class BidderNotices
{
    /// <summary>
    /// The leader lost the lead: tell them, unless they were told about this lot within <paramref name="throttle"/> (a
    /// bidding war would otherwise send a mail per bid). Runs after the lot's conditional update, so bids on one lot
    /// are serialized by its row and two notices for one person cannot both pass the check.
    /// </summary>
    public static async Task OutbidAsync(AuctionsDbContext db, Guid lotId, Guid previousLeader, long priceMinor, DateTimeOffset now, TimeSpan throttle, CancellationToken ct)
    {
        var key = KeyOf(lotId, previousLeader);
        var last = await db.Outbox.AsNoTracking().Where(m => m.Key == key && m.Type == NoticeTypes.Outbid)
            .OrderByDescending(m => m.Sequence).Select(m => (DateTimeOffset?)m.OccurredAt).FirstOrDefaultAsync(ct);
        if (last is { } told && now - told < throttle)
        {
            return;
        }
        Add(db, NoticeTypes.Outbid, new Notice(lotId, previousLeader, priceMinor), now);
    }

    /// <summary>The close's notices, in its transaction: the winner's, and one for every other person who bid.</summary>
    public static async Task ClosedAsync(AuctionsDbContext db, Lot lot, bool sold, DateTimeOffset now, CancellationToken ct)
    {
        var bidders = await db.Bids.AsNoTracking().Where(b => b.LotId == lot.Id && b.Kind == BidKinds.Bid)
            .Select(b => b.BidderId).Distinct().ToListAsync(ct);
        foreach (var bidder in bidders.Order())
        {
            var won = sold && bidder == lot.LeaderId;
            Add(db, won ? NoticeTypes.Won : NoticeTypes.Lost, new Notice(lot.Id, bidder, lot.PriceMinor), now, OnceId(won ? "won" : "lost", lot.Id, bidder));
        }
    }

    /// <summary>One ending-soon notice per watcher and lot ever: its id is derived from both, and the outbox's id is unique.</summary>
    public static Guid EndingSoonId(Guid lotId, Guid userId) => OnceId("ending-soon", lotId, userId);

    public static void Add(AuctionsDbContext db, string type, Notice notice, DateTimeOffset now, Guid? id = null)
    {
        db.Outbox.Add(new OutboxMessage
        {
            Id = id ?? Guid.CreateVersion7(),
            Type = type,
            Key = KeyOf(notice.LotId, notice.UserId),
            Payload = JsonSerializer.Serialize(notice, JsonText.Options),
            OccurredAt = now,
        });
    }

    private static string KeyOf(Guid lotId, Guid userId) => $"{lotId:N}:{userId:N}";

    private static Guid OnceId(string kind, Guid lotId, Guid userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"artsouk.notice:{kind}:{lotId:N}:{userId:N}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
