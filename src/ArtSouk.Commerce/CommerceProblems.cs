using System.Net;
using ArtSouk.Kernel.Problems;

namespace ArtSouk.Commerce;

/// <summary>Problem codes of commerce; the 409s a buyer meets at checkout are <c>sold</c>, <c>reserved</c> and <c>sold_out</c>.</summary>
internal static class CommerceProblems
{
    public static readonly ProblemCode Sold = new("sold", HttpStatusCode.Conflict,
        new("بيع هذا العمل", "This work has been sold"));
    public static readonly ProblemCode Reserved = new("reserved", HttpStatusCode.Conflict,
        new("هذا العمل محجوز لمشترٍ آخر يُتمّ الدفع؛ قد يتاح مجددًا إن لم يكتمل", "Another buyer is checking out this work; it may become available again if they do not complete"));
    public static readonly ProblemCode SoldOut = new("sold_out", HttpStatusCode.Conflict,
        new("نفدت الكمية المتاحة", "Not enough left in stock"));
    public static readonly ProblemCode NotForSale = new("not_for_sale", HttpStatusCode.Conflict,
        new("هذا العمل غير معروض للبيع", "This work is not for sale"));
    public static readonly ProblemCode NotSellable = new("not-sellable", HttpStatusCode.UnprocessableEntity,
        new("هذا النوع من المحتوى لا يُباع", "This kind of content cannot be sold"));
    public static readonly ProblemCode EmptyCart = new("empty-cart", HttpStatusCode.UnprocessableEntity,
        new("لا يوجد ما يُشترى: السلة فارغة", "Nothing to buy: the cart is empty"));
    public static readonly ProblemCode IllegalTransition = new("illegal-transition", HttpStatusCode.Conflict,
        new("لا يمكن نقل الطلب إلى هذه الحالة من حالته الحالية", "The order cannot move to that state from its current one"));
    public static readonly ProblemCode BadSignature = new("bad-signature", HttpStatusCode.BadRequest,
        new("توقيع الإشعار مفقود أو غير صالح", "The notification's signature is missing or not valid"));
    public static readonly ProblemCode PaymentUnavailable = new("payment-unavailable", HttpStatusCode.Conflict,
        new("تعذّر بدء الدفع بالبطاقة؛ أعد المحاولة أو اختر التحويل البنكي", "Card payment could not be started; try again or choose bank transfer"));
    public static readonly ProblemCode RefundFailed = new("refund-failed", HttpStatusCode.Conflict,
        new("رفض مزوّد الدفع الاسترداد؛ لم يُسجَّل شيء", "The payment provider refused the refund; nothing was recorded"));
    public static readonly ProblemCode PdfUnavailable = new("pdf-unavailable", HttpStatusCode.Conflict,
        new("تعذّر إعداد ملف PDF للفاتورة", "The invoice PDF could not be made"));
    public static readonly ProblemCode OfferOpen = new("offer-open", HttpStatusCode.Conflict,
        new("لديك عرض مفتوح على هذا العمل؛ انتظر الرد أو اسحبه", "You already have an open offer on this work; wait for the answer or withdraw it"));
    public static readonly ProblemCode OfferClosed = new("offer-closed", HttpStatusCode.Conflict,
        new("أُغلق هذا العرض أو تغيّرت حالته", "This offer is closed or its state has changed"));
    public static readonly ProblemCode OffersOnArtworksOnly = new("offers-artworks-only", HttpStatusCode.UnprocessableEntity,
        new("تُقدَّم العروض على الأعمال الفنية فقط", "Offers can be made on artworks only"));
    public static readonly ProblemCode SalesNotStarted = new("sales_not_started", HttpStatusCode.Conflict,
        new("لم يبدأ بيع هذه التذاكر بعد", "Sales of these tickets have not started yet"));
    public static readonly ProblemCode SalesEnded = new("sales_ended", HttpStatusCode.Conflict,
        new("انتهى بيع هذه التذاكر", "Sales of these tickets have ended"));
    public static readonly ProblemCode TicketTypeRequired = new("ticket-type-required", HttpStatusCode.UnprocessableEntity,
        new("اختر نوع التذكرة", "Choose a ticket type"));
    public static readonly ProblemCode TicketsForEventsOnly = new("tickets-events-only", HttpStatusCode.UnprocessableEntity,
        new("أنواع التذاكر للفعاليات وورش العمل فقط", "Ticket types are for events and workshops only"));
    public static readonly ProblemCode SeatsAvailable = new("seats-available", HttpStatusCode.Conflict,
        new("ما زالت هناك مقاعد متاحة؛ اشترِها الآن بدل الانتظار", "Seats are still available; buy them now instead of waiting"));
}
