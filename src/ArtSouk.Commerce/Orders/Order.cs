namespace ArtSouk.Commerce.Orders;

/// <summary>
/// A buyer's order. Its state moves only along <see cref="OrderStates"/>' edges; each move is audited in the same
/// SaveChanges, and <see cref="State"/> is a concurrency token, so two racing moves from one state cannot both win.
/// </summary>
internal sealed class Order
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid BuyerId { get; init; }
    public string State { get; set; } = OrderStates.PendingPayment;
    public required string PaymentMethod { get; init; }
    public long TotalMinor { get; init; }

    /// <summary>
    /// The VAT inside <see cref="TotalMinor"/>, fixed when the order is made and printed on its invoice: a fixed price is
    /// VAT-inclusive (<see cref="Invoices.Invoice.VatOf"/> of the total), a won lot's total holds VAT on the buyer's
    /// premium only (the hammer price carries none).
    /// </summary>
    public long VatMinor { get; init; }

    public string Currency { get; init; } = Kernel.Money.Money.Sar;
    public long RefundedMinor { get; set; }

    /// <summary>The buyer's language when ordering, for the invoice and e-mails.</summary>
    public string Locale { get; init; } = "ar";

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Until when the stock is held for this order while it waits for payment.</summary>
    public DateTimeOffset ReservedUntil { get; init; }

    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The bank transfer's reference, or the card payment's id.</summary>
    public string? PaymentReference { get; set; }

    public string? PaymentIntentId { get; set; }

    public List<OrderLine> Lines { get; init; } = [];
}

internal sealed class OrderLine
{
    public long Id { get; init; }
    public Guid OrderId { get; init; }
    public Guid EntryId { get; init; }

    /// <summary>The ticket type bought (an event's or workshop's seats), or null for the entry's own listing.</summary>
    public Guid? TicketTypeId { get; init; }

    public int Quantity { get; init; }
    public long UnitMinor { get; init; }

    /// <summary>The listing's hold epoch when this line's stock was reserved (see <see cref="Listings.StockLedger"/>).</summary>
    public long HoldEpoch { get; init; }
}

/// <summary>pending_payment -> paid -> fulfilled -> completed; cancelled before payment; refunded (fully) after it.</summary>
internal static class OrderStates
{
    public const string PendingPayment = "pending_payment";
    public const string Paid = "paid";
    public const string Fulfilled = "fulfilled";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
    public const string Refunded = "refunded";

    private static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [PendingPayment] = [Paid, Cancelled],
        [Paid] = [Fulfilled, Refunded],
        [Fulfilled] = [Completed, Refunded],
        [Completed] = [Refunded],
        [Cancelled] = [],
        [Refunded] = [],
    };

    public static bool May(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>A partial refund leaves the state where it is; only these states have money to give back.</summary>
    public static bool MayRefund(string state) => state is Paid or Fulfilled or Completed;
}
