namespace ArtSouk.Manager.Language;

/// <summary>The words of the commerce screens: the order desk, sales and payouts, an entry's listing and offers.</summary>
internal sealed partial class ManagerText
{
    public string Commerce => P("التجارة", "Commerce");
    public string Orders => P("الطلبات", "Orders");
    public string OrdersLead => P("كل طلب من الحجز حتى التسليم: أكّد التحويلات البنكية، واشحن، واسترد.", "Every order from hold to hand-over: confirm bank transfers, ship, refund.");
    public string MySales => P("مبيعاتي", "My sales");
    public string SalesTitle => P("المبيعات", "Sales");
    public string SalesLead => P("الأعمال المدفوعة في الفترة، والمستردّ منها، وعمولة المنصة، وصافي ما يُحوَّل إليك.",
        "Works paid for in the period, what was refunded, the platform's commission and what is paid out to you.");
    public string Payouts => P("مستحقات البائعين", "Payouts");
    public string PayoutsLead => P("ما تدين به المنصة لكل فنان أو صالة عن الفترة، بعد الاسترداد والعمولة.",
        "What the platform owes each artist or gallery for the period, after refunds and commission.");
    public string UserSearchPlaceholder => P("ابحث بالبريد الإلكتروني أو الاسم", "Search by e-mail or name");
    public string NoUsersMatch(string q) => P($"لا حساب يطابق «{q}».", $"No account matches “{q}”.");
    public string Pages => P("الصفحات", "Pages");
    public string OrderSearchPlaceholder => P("البريد أو اسم المشتري، أو مرجع التحويل، أو رقم الطلب", "Buyer e-mail or name, transfer reference or order id");
    public string NoOrders => P("لا طلبات تطابق هذا البحث.", "No orders match.");
    public string OrderColumn => P("الطلب", "Order");
    public string BuyerColumn => P("المشتري", "Buyer");
    public string TotalColumn => P("الإجمالي", "Total");
    public string StateColumn => P("الحالة", "State");
    public string PlacedColumn => P("التاريخ", "Placed");
    public string WorksColumn => P("الأعمال", "Works");
    public string AndMore(int n) => P($"و{n} غيرها", $"and {n} more");
    public string UntitledWork => P("عمل بلا عنوان", "Untitled work");
    public string OrderNumber(Guid id) => P($"الطلب {Short(id)}", $"Order {Short(id)}");
    /// <summary>The order's last eight hex digits: ids are version 7, so their first digits are the creation time and repeat within a minute.</summary>
    public static string Short(Guid id) => id.ToString("N")[^8..].ToUpperInvariant();

    public string OrderState(string state) => state switch
    {
        "pending_payment" => P("بانتظار الدفع", "Awaiting payment"),
        "paid" => P("مدفوع", "Paid"),
        "fulfilled" => P("شُحن", "Shipped"),
        "completed" => P("مكتمل", "Completed"),
        "cancelled" => P("ملغى", "Cancelled"),
        "refunded" => P("مُسترد", "Refunded"),
        _ => state,
    };

    public string PaymentMethod(string method) => method switch
    {
        "bank-transfer" => P("تحويل بنكي", "Bank transfer"),
        "card" => P("بطاقة", "Card"),
        _ => method,
    };

    public string Lines => P("البنود", "Lines");
    public string Quantity => P("الكمية", "Qty");
    public string UnitPrice => P("سعر الوحدة", "Unit price");
    public string LineTotal => P("المجموع", "Total");
    public string Buyer => P("المشتري", "Buyer");
    public string OrderLanguage => P("لغة الطلب", "Order language");
    public string Payment => P("الدفع", "Payment");
    public string PaymentsTitle => P("المدفوعات", "Payments");
    public string Method => P("الطريقة", "Method");
    public string Reference => P("المرجع", "Reference");
    public string Refunded => P("المُسترد", "Refunded");
    public string Refundable => P("المتبقي للاسترداد", "Left to refund");
    public string Invoice => P("الفاتورة", "Invoice");
    public string HeldUntil => P("محجوز حتى", "Held until");
    public string PaidOn => P("دُفع في", "Paid");
    public string NoPaymentsYet => P("لم يصل أي دفع بعد.", "No payment has arrived yet.");
    public string History => P("سجل الطلب", "History");
    public string Actions => P("الإجراءات", "Actions");
    public string NoActions => P("لا إجراء متاح لطلب في هذه الحالة.", "No action is possible for an order in this state.");
    public string MarkPaid => P("تأكيد استلام التحويل", "Mark transfer received");
    public string MarkPaidHelp => P("أدخل مرجع التحويل كما يظهر في كشف الحساب البنكي.", "Enter the transfer's reference as it appears on the bank statement.");
    public string TransferReference => P("مرجع التحويل", "Transfer reference");
    public string Fulfil => P("تسجيل الشحن أو التسليم", "Mark shipped");
    public string CompleteOrder => P("تأكيد وصول العمل للمشتري", "Mark received by buyer");
    public string CancelOrder => P("إلغاء الطلب", "Cancel order");
    public string ConfirmCancel => P("إلغاء الطلب يحرّر الحجز ولا يمكن التراجع عنه.", "Cancelling releases the hold and cannot be undone.");
    public string Refund => P("استرداد", "Refund");
    public string RefundAll => P("استرداد كامل المتبقي", "Refund everything left");
    public string RefundPart => P("استرداد جزئي", "Partial refund");
    public string RefundAmount => P("مبلغ الاسترداد (ر.س)", "Refund amount (SAR)");
    public string RefundHelp(string left) => P($"حتى {left}. يبقى الطلب في حالته ما لم يُسترد كاملًا.", $"Up to {left}. The order keeps its state unless fully refunded.");
    public string Confirm => P("تأكيد", "Confirm");
    public string Cancel => P("تراجع", "Cancel");
    public string ActionDone(string action) => action switch
    {
        "mark-paid" => P("سُجّل الدفع وبيع العمل.", "Payment recorded; the work is sold."),
        "fulfil" => P("سُجّل الشحن.", "Marked as shipped."),
        "complete" => P("اكتمل الطلب.", "The order is complete."),
        "cancel" => P("أُلغي الطلب وحُرّر الحجز.", "Order cancelled; the hold is released."),
        "refund" => P("سُجّل الاسترداد.", "Refund recorded."),
        _ => Saved,
    };

    public string OrderAction(string action) => action switch
    {
        "order.created" => P("أُنشئ الطلب", "Order placed"),
        "order.paid" => P("سُجّل الدفع", "Payment recorded"),
        "order.fulfilled" => P("شُحن", "Shipped"),
        "order.completed" => P("اكتمل", "Completed"),
        "order.cancelled" => P("أُلغي", "Cancelled"),
        "order.refunded" => P("استُرد بالكامل", "Refunded in full"),
        "order.partially_refunded" => P("استُرد جزئيًا", "Partly refunded"),
        _ => action,
    };

    public string PaymentRecord(string type) => type switch
    {
        "transfer.confirmed" => P("تحويل بنكي مؤكَّد", "Bank transfer confirmed"),
        "payment_intent.succeeded" => P("نجح الدفع بالبطاقة", "Card payment succeeded"),
        "payment_intent.payment_failed" => P("فشل الدفع بالبطاقة", "Card payment failed"),
        "charge.refunded" => P("استرداد على البطاقة", "Card refund"),
        _ => type,
    };

    public string Seller => P("البائع", "Seller");
    public string PlatformSales => P("مبيعات المنصة (بلا بائع)", "Platform sales (no seller)");
    public string Gross => P("الإجمالي", "Gross");
    public string Net => P("الصافي", "Net");
    public string Commission(decimal percent) => P($"العمولة ({percent:0.##}٪)", $"Commission ({percent:0.##}%)");
    public string CommissionPlain => P("العمولة", "Commission");
    public string Payout => P("المستحق", "Payout");
    public string Works => P("المبيعات", "Sales");
    public string Period => P("الفترة", "Period");
    public string Show => P("عرض", "Show");
    public string SeeSales => P("المبيعات", "Sales");
    public string NoSales => P("لا مبيعات مدفوعة في هذه الفترة.", "No paid sales in this period.");
    public string NotASeller => P("يظهر هذا القسم للحسابات المرتبطة بفنان أو صالة عرض.", "This section is for accounts linked to an artist or gallery.");
    public string TotalRow => P("المجموع", "Total");
    public string Work => P("العمل", "Work");

    // Listing and offers in the editor
    public string ForSale => P("البيع", "For sale");
    public string NotListed => P("غير معروض للبيع بعد.", "Not listed for sale yet.");
    public string PriceSar => P("السعر (ر.س)", "Price (SAR)");
    public string Availability => P("التوفر", "Availability");
    public string AvailabilityName(string value) => value switch
    {
        "available" => P("متاح", "Available"),
        "reserved" => P("محجوز", "Reserved"),
        "sold" => P("مُباع", "Sold"),
        "not_for_sale" => P("غير معروض للبيع", "Not for sale"),
        "at_auction" => P("في مزاد", "At auction"),
        _ => value,
    };
    public string Stock => P("المخزون", "Stock");
    public string StockHelp => P("1 لعمل فريد؛ حجم الإصدار لنسخ متعددة.", "1 for a unique work; the edition size for an edition.");
    public string SoldReserved(int sold, int reserved) => P($"بيع {sold} · محجوز {reserved}", $"{sold} sold · {reserved} held");
    public string SaveListing => P("حفظ عرض البيع", "Save listing");
    public string ListingSaved => P("حُفظ عرض البيع.", "Listing saved.");
    public string OffersTitle => P("العروض", "Offers");
    public string NoOffers => P("لا عروض على هذا العمل.", "No offers on this work.");
    public string OfferState(string state) => state switch
    {
        "pending" => P("بانتظار ردك", "Awaiting your answer"),
        "countered" => P("عرض مقابل مُرسل", "Counter sent"),
        "accepted" => P("مقبول", "Accepted"),
        "declined" => P("مرفوض", "Declined"),
        "withdrawn" => P("مسحوب", "Withdrawn"),
        _ => state,
    };
    public string Accept => P("قبول", "Accept");
    public string Decline => P("رفض", "Decline");
    public string Counter => P("عرض مقابل", "Counter");
    public string CounterAmount => P("السعر المقابل (ر.س)", "Counter price (SAR)");
    public string SendCounter => P("إرسال العرض المقابل", "Send counter");
    public string CounterOf(string amount) => P($"عرضت {amount}", $"You countered {amount}");
    public string OfferAnswered(string state) => P($"تم: {OfferState(state)}", $"Done: {OfferState(state)}");
    public string QuestionsTitle => P("الأسئلة", "Questions");
    public string NoQuestions => P("لا أسئلة عن هذا العمل.", "No questions about this work.");
    public string QuestionsHelp => P("يصل كل سؤال إلى بريدك، وتردّ عليه من هناك.", "Each question reaches your e-mail; you answer from there.");

    public string Inbox => P("العروض والأسئلة", "Offers & questions");
    public string InboxLead => P("ما يرسله المقتنون عن أعمالك: اقبل العرض أو اعرض سعرًا آخر أو ارفضه؛ القبول يحجز العمل وينشئ طلب المشتري.",
        "What collectors send about your works: accept an offer, counter it or decline it; accepting holds the work and creates the buyer's order.");
    public string OpenOffers => P("عروض مفتوحة", "Open offers");
    public string AllOffers => P("كل العروض", "All offers");
    public string OfferColumn => P("العرض", "Offer");
    public string Message => P("الرسالة", "Message");
    public string NoOpenOffers => P("لا عروض بانتظار ردك.", "No offers are waiting for you.");
}
