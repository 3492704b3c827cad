using ArtSouk.Kernel.Money;

namespace ArtSouk.Commerce.Invoices;

/// <summary>
/// A simplified tax invoice, issued once per order with the next number of its series. Fixed prices are VAT-inclusive,
/// so their VAT is taken out of the order's total once, never per line (<see cref="VatOf"/>); a won lot's order holds
/// VAT on the buyer's premium only. The invoice prints the VAT the order fixed (<see cref="Orders.Order.VatMinor"/>).
/// </summary>
internal sealed class Invoice
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrderId { get; init; }

    /// <summary>Gap-free within the series: taken from <see cref="InvoiceCounter"/> in the transaction that inserts the invoice.</summary>
    public long Number { get; init; }

    public DateTimeOffset IssuedAt { get; init; }
    public long TotalMinor { get; init; }
    public long VatMinor { get; init; }
    public string Currency { get; init; } = Money.Sar;
    public required string SellerName { get; init; }
    public required string SellerVatNumber { get; init; }
    public required string QrPayload { get; init; }

    public const int VatPercent = 15;

    public string DisplayNumber => $"INV-{Number:D6}";

    /// <summary>
    /// VAT inside a VAT-inclusive total: total × 15 / 115, rounded to the nearest halala, halves away from zero, in
    /// integer arithmetic (no binary fractions). 12,500.00 SAR holds 1,630.43 SAR VAT (1,630.434...).
    /// </summary>
    public static long VatOf(long totalMinor) => (totalMinor * VatPercent * 2 + (100 + VatPercent)) / ((100 + VatPercent) * 2);
}

/// <summary>The last number issued in a series; its row is locked by the UPDATE that takes the next one.</summary>
internal sealed class InvoiceCounter
{
    public required string Series { get; init; }
    public long LastNumber { get; set; }

    public const string Simplified = "simplified";
}
