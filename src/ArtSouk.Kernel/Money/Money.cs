using System.Globalization;

namespace ArtSouk.Kernel.Money;

/// <summary>
/// An amount in integer minor units (halalas for SAR) with its currency. The API speaks decimal SAR
/// (<c>12500.00</c>); everything stored and computed is whole halalas, so no rounding creeps into sums.
/// </summary>
public readonly record struct Money(long Minor, string Currency)
{
    public const string Sar = "SAR";

    /// <summary>Halalas per riyal.</summary>
    public const int MinorPerMajor = 100;

    public static Money Zero(string currency = Sar) => new(0, currency);

    /// <summary>Converts an API amount; false when it has more than two decimals or is out of range.</summary>
    public static bool TryFromDecimal(decimal amount, string currency, out Money money)
    {
        money = default;
        var minor = amount * MinorPerMajor;
        if (minor != decimal.Truncate(minor) || minor < 0 || minor > long.MaxValue / 1000)
        {
            return false;
        }
        money = new Money((long)minor, currency);
        return true;
    }

    public decimal Amount => (decimal)Minor / MinorPerMajor;

    public static Money operator +(Money a, Money b) => a.Currency == b.Currency
        ? new Money(a.Minor + b.Minor, a.Currency)
        : throw new InvalidOperationException($"Cannot add {a.Currency} and {b.Currency}");

    public static Money operator *(Money a, int quantity) => new(a.Minor * quantity, a.Currency);

    public Money Add(Money other) => this + other;

    public Money Multiply(int quantity) => this * quantity;

    /// <summary>Two decimals, invariant: <c>12500.00</c> (the form ZATCA's QR and the API use).</summary>
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}
