using System.Security.Claims;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Rules;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Auctions.Sales;

internal sealed record CreateSaleRequest(TextPair? Title, TextPair? Description, string? Type, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
    bool? BiddersNeedApproval, int? SoftCloseMinutes, DateTimeOffset? HardStopAt, int? LotIntervalSeconds, Rung[]? Increments, PremiumTier[]? PremiumTiers, decimal? Deposit = null, Guid? CoverEntryId = null);

/// <summary><c>POST /api/v1/manage/auctions</c>: a sale with its rules; defaults are the house ladder, Christie's premium, 2-minute soft close.</summary>
internal static class CreateSale
{
    public static void MapCreateSale(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/manage/auctions", CreateAsync).RequireAuthorization(Policies.Administer).WithTags("Auctions")
            .WithSummary("Create a sale (timed or live) with its increment ladder, buyer's premium tiers, soft close and bidder approval");
    }

    private static async Task<Results<Created<SaleView>, BadRequestProblem>> CreateAsync(
        CreateSaleRequest request, HttpContext http, AuctionsDbContext db, IEntryAccess entries, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Title?.Ar) || request.Title.Ar.Length > 300)
        {
            errors.Add("title.ar", Say("العنوان العربي مطلوب (حتى 300 حرف)", "an Arabic title (up to 300 characters) is required"));
        }
        if (request.Title?.En is { Length: > 300 })
        {
            errors.Add("title.en", Say("العنوان الإنجليزي حتى 300 حرف", "the English title is up to 300 characters"));
        }
        if (request.Description?.Ar is { Length: > 4000 } || request.Description?.En is { Length: > 4000 })
        {
            errors.Add("description", Say("الوصف حتى 4000 حرف", "the description is up to 4000 characters"));
        }
        var type = request.Type ?? SaleTypes.Timed;
        if (type is not (SaleTypes.Timed or SaleTypes.Live))
        {
            errors.Add("type", Say("النوع timed أو live", "type is timed or live"));
        }
        if (request.StartsAt is null || request.EndsAt is null || request.EndsAt <= request.StartsAt)
        {
            errors.Add("endsAt", Say("يلزم startsAt وendsAt بعده", "startsAt and a later endsAt are required"));
        }
        if (request.SoftCloseMinutes is < 0 or > 60)
        {
            errors.Add("softCloseMinutes", Say("الإغلاق المرن من 0 إلى 60 دقيقة", "softCloseMinutes is 0 to 60"));
        }
        if (request.HardStopAt is { } stop && request.EndsAt is { } end && stop < end)
        {
            errors.Add("hardStopAt", Say("الإيقاف النهائي لا يسبق نهاية المزاد", "hardStopAt is not before endsAt"));
        }
        if (request.LotIntervalSeconds is < 0 or > 86_400)
        {
            errors.Add("lotIntervalSeconds", Say("الفاصل بين القطع من 0 إلى 86400 ثانية", "lotIntervalSeconds is 0 to 86400"));
        }
        if (request.Increments is not null && Ladder.Problem(request.Increments) is { } ladder)
        {
            errors.Add("increments", Say($"سلّم الزيادات غير صالح: {ladder}", $"increments: {ladder}"));
        }
        if (request.PremiumTiers is not null && PremiumSchedule.Problem(request.PremiumTiers) is { } tiers)
        {
            errors.Add("premiumTiers", Say($"شرائح العمولة غير صالحة: {tiers}", $"premiumTiers: {tiers}"));
        }
        var deposit = default(Money);
        if (request.Deposit is { } d && (!Money.TryFromDecimal(d, Money.Sar, out deposit) || deposit.Minor < 0))
        {
            errors.Add("deposit", Say("مبلغ التأمين بالريال بخانتين عشريتين على الأكثر، ولا يكون سالبًا", "deposit is a SAR amount with at most two decimals, not negative"));
        }
        if (request.CoverEntryId is { } cover && await entries.AccessAsync(http.User, cover, ct) is null)
        {
            errors.Add("coverEntryId", Say($"لا يوجد عمل {cover} لغلاف المزاد", $"coverEntryId: there is no entry {cover}"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var now = clock.GetUtcNow();
        var sale = new Sale
        {
            TitleAr = request.Title!.Ar!.Trim(),
            TitleEn = (request.Title.En ?? "").Trim(),
            DescriptionAr = request.Description?.Ar,
            DescriptionEn = request.Description?.En,
            CoverEntryId = request.CoverEntryId,
            Type = type,
            StartsAt = request.StartsAt!.Value.ToUniversalTime(),
            EndsAt = request.EndsAt!.Value.ToUniversalTime(),
            BiddersNeedApproval = request.BiddersNeedApproval ?? true,
            DepositMinor = deposit.Minor,
            SoftCloseMinutes = request.SoftCloseMinutes ?? 2,
            HardStopAt = request.HardStopAt?.ToUniversalTime(),
            LotIntervalSeconds = request.LotIntervalSeconds ?? 0,
            Increments = (request.Increments is null ? Ladder.Default : new Ladder(request.Increments)).ToJson(),
            PremiumTiers = (request.PremiumTiers is null ? PremiumSchedule.Default : new PremiumSchedule(request.PremiumTiers)).ToJson(),
            CreatedAt = now,
            CreatedBy = http.User.FindFirstValue(ClaimTypes.NameIdentifier),
        };
        db.Sales.Add(sale);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "auction.created", "auction", sale.Id.ToString(),
            [new AuditChange("title", "ar", null, sale.TitleAr), new AuditChange("endsAt", null, null, sale.EndsAt.ToString("O"))]));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/auctions/{sale.Id}", SaleView.Of(sale));
    }
}
