using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Auctions;

/// <summary>The <c>Auctions</c> section (<c>Auctions__CloserInterval=00:00:02</c>, ...).</summary>
public sealed class AuctionsOptions : IValidatableObject
{
    public const string Section = "Auctions";

    /// <summary>How often the closer looks for lots past their end; a lot closes within about this long of its time.</summary>
    public TimeSpan CloserInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A claim on a closing lot older than this is taken to be from a closer that died mid-close, and is taken over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Run the closer in this process (off for a host that should only serve bids).</summary>
    public bool RunCloser { get; set; } = true;

    /// <summary>A bidder is mailed that they were outbid on a lot at most once in this long (a bidding war is one mail, not fifty).</summary>
    public TimeSpan OutbidThrottle { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Watchers of a lot are mailed once when it closes within this long.</summary>
    public TimeSpan EndingSoonLead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A deposit still unpaid after this long is asked about at the card provider (its webhook may have been lost).</summary>
    public TimeSpan DepositGrace { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CloserInterval < TimeSpan.FromMilliseconds(100) || CloserInterval > TimeSpan.FromMinutes(1))
        {
            yield return new ValidationResult("Auctions:CloserInterval is 00:00:00.1 to 00:01:00", [nameof(CloserInterval)]);
        }
        if (ClaimTimeout < TimeSpan.FromSeconds(1) || ClaimTimeout > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Auctions:ClaimTimeout is 00:00:01 to 01:00:00", [nameof(ClaimTimeout)]);
        }
        if (OutbidThrottle < TimeSpan.Zero || OutbidThrottle > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Auctions:OutbidThrottle is 00:00:00 to 1.00:00:00", [nameof(OutbidThrottle)]);
        }
        if (DepositGrace < TimeSpan.Zero || DepositGrace > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Auctions:DepositGrace is 00:00:00 to 1.00:00:00", [nameof(DepositGrace)]);
        }
        if (EndingSoonLead < TimeSpan.FromMinutes(1) || EndingSoonLead > TimeSpan.FromDays(2))
        {
            yield return new ValidationResult("Auctions:EndingSoonLead is 00:01:00 to 2.00:00:00", [nameof(EndingSoonLead)]);
        }
    }
}
