using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Commerce;

/// <summary>The <c>Commerce</c> section (<c>Commerce__ReservationTime=00:15:00</c>, <c>Commerce__Seller__VatNumber</c>, ...).</summary>
public sealed class CommerceOptions : IValidatableObject
{
    public const string Section = "Commerce";

    /// <summary>How long starting checkout holds the stock for the buyer.</summary>
    public TimeSpan ReservationTime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an accepted offer holds the work for the buyer to pay.</summary>
    public TimeSpan OfferHoldTime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long seats freed for the first person on a ticket type's waiting list are held for them (never past the
    /// type's sales end); unclaimed, they pass to the next person.
    /// </summary>
    public TimeSpan WaitingListHoldTime { get; set; } = TimeSpan.FromHours(24);

    public SellerOptions Seller { get; set; } = new();

    /// <summary>The platform's share of each seller's net sales, in percent, in the payout report.</summary>
    public decimal CommissionPercent { get; set; } = 20m;

    /// <summary>The account buyers who choose bank transfer pay into, as told in their order e-mail.</summary>
    public BankTransferOptions BankTransfer { get; set; } = new();

    public StripeOptions Stripe { get; set; } = new();

    public InvoiceOptions Invoice { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReservationTime <= TimeSpan.Zero || ReservationTime > TimeSpan.FromDays(2))
        {
            yield return new ValidationResult("Commerce:ReservationTime must be more than 0 and at most 2 days (e.g. 00:15:00)", [nameof(ReservationTime)]);
        }
        if (OfferHoldTime <= TimeSpan.Zero || OfferHoldTime > TimeSpan.FromDays(14))
        {
            yield return new ValidationResult("Commerce:OfferHoldTime must be more than 0 and at most 14 days (e.g. 1.00:00:00)", [nameof(OfferHoldTime)]);
        }
        if (WaitingListHoldTime <= TimeSpan.Zero || WaitingListHoldTime > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("Commerce:WaitingListHoldTime must be more than 0 and at most 7 days (e.g. 1.00:00:00)", [nameof(WaitingListHoldTime)]);
        }
        if (CommissionPercent is < 0m or > 100m)
        {
            yield return new ValidationResult("Commerce:CommissionPercent must be from 0 to 100 (e.g. 20)", [nameof(CommissionPercent)]);
        }
        if (BankTransfer.Iban is not { Length: 24 } iban || !iban.StartsWith("SA", StringComparison.Ordinal) || !iban[2..].All(char.IsAsciiDigit))
        {
            yield return new ValidationResult("Commerce:BankTransfer:Iban must be a Saudi IBAN: SA and 22 digits, no spaces", ["BankTransfer.Iban"]);
        }
        if (string.IsNullOrWhiteSpace(Seller.Name) || System.Text.Encoding.UTF8.GetByteCount(Seller.Name) > 255)
        {
            yield return new ValidationResult("Commerce:Seller:Name is required and at most 255 UTF-8 bytes (it goes in the invoice QR code)", ["Seller.Name"]);
        }
        if (Seller.VatNumber is not { Length: 15 } vat || !vat.All(char.IsAsciiDigit) || vat[0] != '3' || vat[^1] != '3')
        {
            yield return new ValidationResult("Commerce:Seller:VatNumber must be a 15-digit Saudi VAT number that starts and ends with 3", ["Seller.VatNumber"]);
        }
        if (Stripe.ApiBase is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult("Commerce:Stripe:ApiBase must be an absolute http(s) address", ["Stripe.ApiBase"]);
        }
        if (string.IsNullOrWhiteSpace(Stripe.SecretKey) || string.IsNullOrWhiteSpace(Stripe.WebhookSecret))
        {
            yield return new ValidationResult("Commerce:Stripe:SecretKey and Commerce:Stripe:WebhookSecret are required", ["Stripe"]);
        }
    }
}

/// <summary>Who sells, as printed on the simplified tax invoice.</summary>
public sealed class SellerOptions
{
    public string Name { get; set; } = "سوق الفن للتجارة";

    public string NameEnglish { get; set; } = "Art Souk Trading";

    /// <summary>The seller's VAT registration number (15 digits, 3...3). The default is a demo number.</summary>
    public string VatNumber { get; set; } = "310122393500003";
}

/// <summary>The bank account for transfers. The defaults are a demo account; set real ones in production.</summary>
public sealed class BankTransferOptions
{
    public string BankName { get; set; } = "مصرف الراجحي";

    public string BankNameEnglish { get; set; } = "Al Rajhi Bank";

    public string AccountName { get; set; } = "سوق الفن للتجارة";

    public string Iban { get; set; } = "SA0380000000608010167519";
}

/// <summary>
/// Stripe. Without <see cref="ApiBase"/> the host runs a local fake card processor that speaks Stripe's HTTP API and
/// Stripe.net talks to that; in production set the live base (<c>https://api.stripe.com</c>) and real keys.
/// </summary>
public sealed class StripeOptions
{
    public Uri? ApiBase { get; set; }

    public string SecretKey { get; set; } = "sk_test_artsouk_local";

    public string WebhookSecret { get; set; } = "whsec_artsouk_local";
}

/// <summary>The invoice PDF: Chromium prints the printable page (the first of the usual paths when not set).</summary>
public sealed class InvoiceOptions
{
    public string? Chromium { get; set; }

    /// <summary>Attach the PDF to the payment-received e-mail.</summary>
    public bool AttachPdf { get; set; } = true;
}
