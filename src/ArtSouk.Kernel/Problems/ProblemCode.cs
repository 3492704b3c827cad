using System.Net;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Kernel.Problems;

/// <summary>A stable error code with its HTTP status and a title in both locales.</summary>
public sealed record ProblemCode(string Code, HttpStatusCode Status, LocalizedText Title)
{
    public string Type => $"https://artsouk.sa/problems/{Code}";

    public static readonly ProblemCode ValidationFailed = new("validation-failed", HttpStatusCode.BadRequest,
        new("البيانات المرسلة غير صالحة", "The submitted data is not valid"));
    public static readonly ProblemCode BadQuery = new("bad-query", HttpStatusCode.BadRequest,
        new("معاملات الطلب غير صالحة", "The query parameters are not valid"));
    public static readonly ProblemCode UnknownContentType = new("unknown-content-type", HttpStatusCode.NotFound,
        new("نوع المحتوى غير معروف", "Unknown content type"));
    public static readonly ProblemCode NotFound = new("not-found", HttpStatusCode.NotFound,
        new("المحتوى المطلوب غير موجود", "The requested content was not found"));
    public static readonly ProblemCode Conflict = new("conflict", HttpStatusCode.Conflict,
        new("تعارض مع تعديل آخر", "Conflicts with another change"));
    public static readonly ProblemCode SlugTaken = new("slug-taken", HttpStatusCode.Conflict,
        new("المعرّف النصي مستخدم لمحتوى آخر", "The slug is already used by other content"));
    public static readonly ProblemCode Referenced = new("entry-referenced", HttpStatusCode.Conflict,
        new("لا يمكن حذف محتوى تشير إليه مداخل أخرى", "Other entries refer to this one; it cannot be deleted"));
    public static readonly ProblemCode NothingToReview = new("nothing-to-review", HttpStatusCode.Conflict,
        new("لا يوجد تعديل بانتظار المراجعة", "Nothing is waiting for review"));
    public static readonly ProblemCode PublishBlocked = new("publish-blocked", HttpStatusCode.UnprocessableEntity,
        new("لا يمكن النشر قبل استكمال الحقول المطلوبة", "Cannot publish until the required fields are filled"));
    public static readonly ProblemCode InvalidReference = new("invalid-reference", HttpStatusCode.UnprocessableEntity,
        new("المدخل المشار إليه غير موجود أو من نوع غير مناسب", "The referenced entry does not exist or is of the wrong type"));
    public static readonly ProblemCode Unauthorized = new("unauthorized", HttpStatusCode.Unauthorized,
        new("يلزم تسجيل الدخول", "Authentication is required"));
    public static readonly ProblemCode Forbidden = new("forbidden", HttpStatusCode.Forbidden,
        new("لا تملك صلاحية لهذا الإجراء", "You are not allowed to do this"));
    public static readonly ProblemCode InvalidCredentials = new("invalid-credentials", HttpStatusCode.BadRequest,
        new("البريد الإلكتروني أو كلمة المرور غير صحيحة", "The e-mail or password is not correct"));
    public static readonly ProblemCode TwoFactorRequired = new("two-factor-required", HttpStatusCode.BadRequest,
        new("أدخل رمز التحقق بخطوتين من تطبيق المصادقة", "Enter the two-factor code from your authenticator app"));
    public static readonly ProblemCode InvalidToken = new("invalid-token", HttpStatusCode.BadRequest,
        new("الرمز غير صالح أو انتهت صلاحيته", "The token is not valid or has expired"));
    public static readonly ProblemCode TooManyRequests = new("too-many-requests", HttpStatusCode.TooManyRequests,
        new("محاولات كثيرة؛ أعد المحاولة بعد قليل", "Too many attempts; try again shortly"));
    public static readonly ProblemCode MalformedBody = new("malformed-body", HttpStatusCode.BadRequest,
        new("تعذّرت قراءة محتوى الطلب", "The request body could not be read"));
    public static readonly ProblemCode PayloadTooLarge = new("payload-too-large", HttpStatusCode.RequestEntityTooLarge,
        new("حجم الطلب أكبر من المسموح", "The request is larger than allowed"));
    public static readonly ProblemCode UnsupportedMedia = new("unsupported-media", HttpStatusCode.UnsupportedMediaType,
        new("نوع الملف غير مدعوم", "This file type is not supported"));
    public static readonly ProblemCode Unexpected = new("unexpected", HttpStatusCode.InternalServerError,
        new("حدث خطأ غير متوقع، نعمل على إصلاحه", "Something went wrong on our side; we are on it"));
}
