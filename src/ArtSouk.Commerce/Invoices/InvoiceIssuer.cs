using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Invoices;

/// <summary>
/// Issues an order's invoice once: the next number and the invoice row commit in one transaction, so a number is never
/// skipped (a failed issue rolls its number back) and never used twice (the counter row is locked until commit; a
/// second issuer racing for the same order hits the unique order index and rolls back, number and all).
/// </summary>
internal sealed class InvoiceIssuer(CommerceDbContext db, IOptions<CommerceOptions> options, TimeProvider clock)
{
    public async Task<Invoice> EnsureAsync(Order order, CancellationToken ct)
    {
        if (await db.Invoices.AsNoTracking().SingleOrDefaultAsync(i => i.OrderId == order.Id, ct) is { } existing)
        {
            return existing;
        }
        var seller = options.Value.Seller;
        var counters = db.IsPostgres() ? "commerce.invoice_counters" : "invoice_counters";
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var next = $"UPDATE {counters} SET last_number = last_number + 1 WHERE series = {{0}} RETURNING last_number AS \"Value\"";
            var numbers = await db.Database.SqlQueryRaw<long>(next, InvoiceCounter.Simplified).ToListAsync(ct);
            var now = clock.GetUtcNow();
            var total = new Money(order.TotalMinor, order.Currency);
            var vat = new Money(order.VatMinor, order.Currency);
            var invoice = new Invoice
            {
                OrderId = order.Id,
                Number = numbers.Single(),
                IssuedAt = now,
                TotalMinor = total.Minor,
                VatMinor = vat.Minor,
                Currency = order.Currency,
                SellerName = seller.Name,
                SellerVatNumber = seller.VatNumber,
                QrPayload = ZatcaQr.Encode(seller.Name, seller.VatNumber, now, total.ToString(), vat.ToString()),
            };
            db.Invoices.Add(invoice);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return invoice;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            return await db.Invoices.AsNoTracking().SingleAsync(i => i.OrderId == order.Id, ct);
        }
    }
}
