using System.Net;
using System.Reflection;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace ArtSouk.Auctions;

/// <summary>Problem codes of auctions; a refused bid names the next valid amount.</summary>
internal static class AuctionsProblems
{
    public static readonly ProblemCode BidTooLow = new("bid-too-low", HttpStatusCode.Conflict,
        new("المزايدة أقل من المبلغ التالي المقبول", "The bid is below the next valid amount"));
    public static readonly ProblemCode AlreadyLeading = new("already-leading", HttpStatusCode.Conflict,
        new("مزايدتك هي الأعلى؛ يمكنك رفع حدّك الأقصى فقط", "You already lead; you can only raise your maximum"));
    public static readonly ProblemCode LotNotOpen = new("lot-not-open", HttpStatusCode.Conflict,
        new("المزايدة على هذه القطعة غير مفتوحة", "This lot is not open for bidding"));
    public static readonly ProblemCode RegistrationRequired = new("registration-required", HttpStatusCode.Forbidden,
        new("سجّل للمزايدة في هذا المزاد وانتظر الموافقة", "Register to bid in this sale and wait for approval"));
    public static readonly ProblemCode DepositRequired = new("deposit-required", HttpStatusCode.Forbidden,
        new("ادفع تأمين المزاد قبل المزايدة", "Pay the sale's deposit before bidding"));
    public static readonly ProblemCode NotArtwork = new("not-an-artwork", HttpStatusCode.UnprocessableEntity,
        new("القطعة تكون عملًا فنيًا منشورًا", "A lot is an artwork entry"));
    public static readonly ProblemCode NotLive = new("not-live", HttpStatusCode.Conflict,
        new("القطعة ليست في مزاد حي", "The lot is not in a live sale"));
    public static readonly ProblemCode LotClosed = new("lot-closed", HttpStatusCode.Conflict,
        new("أُغلقت القطعة", "The lot has closed"));
}

/// <summary>409 for a refused bid: the problem body carries <c>nextValidAmount</c> (decimal SAR) for the client to offer.</summary>
internal sealed class BidRefusedProblem(ProblemCode code, string detail, decimal nextValidAmount) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => (int)code.Status;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public decimal NextValidAmount => nextValidAmount;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiProblemResult.Declare(builder, StatusCodes.Status409Conflict);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = ApiProblem.Create(httpContext, code, detail);
        problem.Extensions["nextValidAmount"] = nextValidAmount;
        return TypedResults.Problem(problem).ExecuteAsync(httpContext);
    }
}
