using ArtSouk.Kernel.Localization;

namespace ArtSouk.Manager.Language;

/// <summary>
/// Every word of the manager's own interface, in Arabic and English side by side so a translator sees both at once.
/// Words that belong to the content (type and field labels) come from the content model instead.
/// </summary>
internal sealed partial class ManagerText
{
    private static readonly ManagerText Arabic = new(Locales.Arabic);
    private static readonly ManagerText English = new(Locales.English);

    private ManagerText(string locale) => Locale = locale;

    public static ManagerText For(string locale) => locale == Locales.English ? English : Arabic;

    public string Locale { get; }

    private string P(string ar, string en) => Locale == Locales.English ? en : ar;

    public static string LanguageName(string locale) => locale == Locales.English ? "English" : "العربية";

    public string LanguageShort(string locale) => locale == Locales.English ? P("الإنجليزية", "English") : P("العربية", "Arabic");

    // Shell
    public string Product => P("سوق الفن", "Art Souk");
    public string ManagerTitle => P("إدارة المحتوى", "Manager");
    public string SkipToContent => P("تخطَّ إلى المحتوى", "Skip to content");
    public string MainNavigation => P("التنقل الرئيسي", "Main navigation");
    public string Dashboard => P("لوحة اليوم", "Today");
    public string Content => P("المحتوى", "Content");
    public string Library => P("المكتبة", "Library");
    public string Administration => P("الإدارة", "Administration");
    public string Media => P("الوسائط", "Media");
    public string ContentModel => P("نموذج المحتوى", "Content model");
    public string Users => P("المستخدمون والأدوار", "Users & roles");
    public string ApiKeys => P("مفاتيح الواجهة البرمجية", "API keys");
    public string Webhooks => P("الخطافات", "Webhooks");
    public string SearchIndex => P("فهرس البحث", "Search index");
    public string SearchMatchesLead => P("المسودات والمنشور معًا، بأي تهجئة وبالعربية أو الإنجليزية، مع الأخطاء الإملائية؛ الأقرب أولًا.",
        "Drafts and live entries alike, in any spelling, Arabic or English, typos included; closest first.");

    /// <summary>An entry's state as the editors' search gives it.</summary>
    public string EntryState(string state) => state switch
    {
        "draft" => Draft,
        "published" => Published,
        "scheduled" => Scheduled,
        "in_review" => WaitingForReview,
        "rejected" => ReviewRejected,
        "schedule_failed" => P("تعذّر تنفيذ الجدولة", "Schedule failed"),
        _ => state,
    };
    public string SearchIndexLead => P("يُبنى الفهرس الجديد بجانب الحالي ويحلّ محله عند اكتماله، فيبقى البحث في الموقع يعمل أثناء ذلك.",
        "The new index is built beside the live one and replaces it when complete, so search on the site keeps working meanwhile.");
    public string Reindex => P("إعادة بناء الفهرس", "Rebuild the index");
    public string SearchProvider => P("المحرّك", "Engine");
    public string IndexedDocuments => P("المستندات في الفهرس", "Documents in the index");
    public string EditorsIndexDocuments => P("المستندات في فهرس المحرّرين (المسودات معها)", "Documents in the editors' index (drafts included)");
    public string IndexUnreachable => P("تعذّر الوصول إلى الفهرس", "The index cannot be reached");
    public string RebuildIdle => P("لم يُعَد بناء الفهرس منذ بدء التشغيل.", "The index has not been rebuilt since start-up.");
    public string RebuildRunning(int indexed) => P($"إعادة البناء جارية: فُهرس {indexed} مستندًا حتى الآن…", $"Rebuilding: {indexed} documents indexed so far…");
    public string RebuildDone(int indexed) => P($"اكتملت إعادة البناء: {indexed} مستندًا.", $"Rebuild complete: {indexed} documents.");
    public string RebuildFailed => P("فشلت إعادة البناء؛ الفهرس السابق ما زال يعمل. راجع سجل الخادم.", "The rebuild failed; the previous index is still serving. See the server log.");
    public string AuditLog => P("سجل التدقيق", "Audit log");
    public string AuditLead => P("من غيّر ماذا ومتى، الأحدث أولًا، بتوقيت الرياض.", "Who changed what and when, newest first, in Riyadh time.");
    public string AuditUser => P("المستخدم", "User");
    public string AuditAnyone => P("الجميع", "Everyone");
    public string AuditEntry => P("معرّف المُدخل", "Entry id");
    public string AuditFrom => P("من تاريخ", "From");
    public string AuditTo => P("إلى تاريخ", "To");
    public string AuditWhen => P("الوقت", "When");
    public string AuditWho => P("من", "Who");
    public string AuditWhat => P("ماذا", "What");
    public string AuditOn => P("على", "On");
    public string AuditChanges => P("التغييرات", "Changes");
    public string AuditFilter => P("تصفية", "Filter");
    public string AuditEmpty => P("لا سجلات تطابق هذه التصفية.", "No records match this filter.");
    public string SwitchLanguageTo => P("English", "العربية");
    public string SwitchLanguageLabel => P("Switch the manager to English", "التبديل إلى العربية");
    public string UserMenu => P("حسابي", "My account");
    public string ChangePassword => P("تغيير كلمة المرور", "Change password");
    public string SignOut => P("تسجيل الخروج", "Sign out");
    public string Loading => P("جارٍ التحميل…", "Loading…");
    public string ApiUnreachable => P("تعذّر الوصول إلى واجهة الإدارة", "The management API could not be reached");
    public string NotFoundTitle => P("الصفحة غير موجودة", "Page not found");
    public string BackToDashboard => P("العودة إلى لوحة اليوم", "Back to today");

    public string StatusMessage(int status) => status switch
    {
        400 => P("الطلب غير صالح", "The request is not valid"),
        401 => P("يلزم تسجيل الدخول من جديد", "Please sign in again"),
        403 => P("لا تملك صلاحية لهذا الإجراء", "You are not allowed to do this"),
        404 => P("غير موجود", "Not found"),
        409 => P("تعارض مع تعديل آخر", "Conflicts with another change"),
        _ => P("حدث خطأ غير متوقع", "Something went wrong"),
    };

    // Sign-in and account
    public string SignInTitle => P("تسجيل الدخول إلى الإدارة", "Sign in to the manager");
    public string SignInLead => P("حرّر الفنانين والأعمال والفعاليات بالعربية والإنجليزية جنبًا إلى جنب.", "Edit artists, artworks and events in Arabic and English, side by side.");
    public string Email => P("البريد الإلكتروني", "E-mail");
    public string Password => P("كلمة المرور", "Password");
    public string SignIn => P("تسجيل الدخول", "Sign in");
    public string SigningIn => P("جارٍ الدخول…", "Signing in…");
    public string TwoFactorCode => P("رمز التحقق", "Verification code");
    public string TwoFactorHelp => P("أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة.", "Enter the six-digit code from your authenticator app.");
    public string TwoFactorSignInHelp => P("أدخل الرمز المكوّن من ستة أرقام من تطبيق المصادقة، أو أحد رموز الاسترداد إن فقدت هاتفك.",
        "Enter the six-digit code from your authenticator app, or one of your recovery codes if you lost your phone.");
    public string TwoFactorCodeOrRecovery => P("رمز التحقق أو رمز استرداد", "Verification code or recovery code");
    public string TwoFactorTitle => P("التحقق بخطوتين", "Two-factor sign-in");
    public string TwoFactorLead => P("يطلب تسجيل الدخول رمزًا من تطبيق المصادقة في هاتفك إضافةً إلى كلمة المرور.",
        "Signing in asks for a code from the authenticator app on your phone as well as your password.");
    public string TwoFactorMissingNote => P("دورك يتطلب التحقق بخطوتين ولم تُعِدّه بعد.", "Your role calls for two-factor sign-in, and it is not set up yet.");
    public string TwoFactorSetUpNow => P("إعداده الآن", "Set it up now");
    public string TwoFactorOn => P("مفعّل", "On");
    public string TwoFactorOff => P("غير مفعّل", "Off");
    public string TwoFactorStart => P("إعداد تطبيق المصادقة", "Set up an authenticator app");
    public string TwoFactorScan => P("امسح هذا الرمز بتطبيق المصادقة (مثل Google Authenticator أو Microsoft Authenticator).",
        "Scan this code with your authenticator app (such as Google Authenticator or Microsoft Authenticator).");
    public string TwoFactorQrAlt => P("رمز QR لإضافة حساب سوق الفن إلى تطبيق المصادقة", "QR code that adds your Art Souk account to an authenticator app");
    public string TwoFactorTypeKey => P("أو اكتب هذا المفتاح في التطبيق:", "Or type this key into the app:");
    public string TwoFactorConfirm => P("تأكيد وتفعيل", "Confirm and turn on");
    public string TwoFactorEnabledNow => P("فُعّل التحقق بخطوتين.", "Two-factor sign-in is on.");
    public string TwoFactorDisable => P("إيقاف التحقق بخطوتين", "Turn off two-factor sign-in");
    public string TwoFactorDisabledNow => P("أُوقف التحقق بخطوتين.", "Two-factor sign-in is off.");
    public string TwoFactorManageHelp => P("لإيقافه أو لإصدار رموز استرداد جديدة أدخل الرمز الظاهر الآن في التطبيق (أو رمز استرداد لإيقافه).",
        "To turn it off or get new recovery codes, enter the code your app shows now (or a recovery code to turn it off).");
    public string RecoveryCodesTitle => P("رموز الاسترداد", "Recovery codes");
    public string RecoveryCodesShownOnce => P("احفظ هذه الرموز في مكان آمن الآن؛ لن تظهر مرة أخرى. كل رمز يُستخدم مرة واحدة لتسجيل الدخول إن فقدت هاتفك.",
        "Keep these codes somewhere safe now; they will not be shown again. Each one signs you in once if you lose your phone.");
    public string RecoveryCodesSaved => P("حفظتُ الرموز", "I have saved them");
    public string RecoveryCodesNew => P("رموز استرداد جديدة", "New recovery codes");
    public string RecoveryCodesRenewed => P("صدرت رموز استرداد جديدة، وبطلت القديمة.", "New recovery codes replace the old ones.");
    public string RecoveryCodesLeft(int count) => P($"بقي {count} من رموز الاسترداد", count == 1 ? "1 recovery code left" : $"{count} recovery codes left");
    public string ForgotPassword => P("نسيت كلمة المرور؟", "Forgot your password?");
    public string SessionExpired => P("انتهت الجلسة؛ سجّل الدخول للمتابعة.", "Your session ended; sign in to continue.");
    public string SignedOut => P("تم تسجيل خروجك.", "You are signed out.");
    public string NotAnEditor => P("هذا الحساب لا يملك صلاحية الإدارة.", "This account cannot use the manager.");
    public string EmailAndPasswordRequired => P("أدخل البريد الإلكتروني وكلمة المرور.", "Enter your e-mail and password.");
    public string ForgotTitle => P("استعادة كلمة المرور", "Reset your password");
    public string ForgotLead => P("سنرسل رابطًا لإعادة التعيين إلى بريدك إن كان مسجّلًا لدينا.", "We will e-mail a reset link if the address has an account.");
    public string SendResetLink => P("أرسل الرابط", "Send the link");
    public string ResetLinkSent => P("إن كان البريد مسجّلًا فستصلك رسالة خلال دقائق.", "If the address has an account, a message is on its way.");
    public string ResetTitle => P("كلمة مرور جديدة", "Choose a new password");
    public string ResetToken => P("رمز الاستعادة", "Reset code");
    public string NewPassword => P("كلمة المرور الجديدة", "New password");
    public string CurrentPassword => P("كلمة المرور الحالية", "Current password");
    public string SavePassword => P("حفظ كلمة المرور", "Save the password");
    public string PasswordChanged => P("تم تغيير كلمة المرور.", "Your password was changed.");
    public string PasswordHint => P("عشرة أحرف على الأقل؛ العبارة الطويلة أقوى من الرموز.", "At least ten characters; a long phrase beats symbols.");
    public string NotAvailableYet => P("هذه الخدمة غير متاحة بعد على هذا الخادم.", "This is not available on this server yet.");
    public string BackToSignIn => P("العودة إلى تسجيل الدخول", "Back to sign in");

    // Dashboard
    public string Greeting(string name) => P($"أهلًا، {name}", $"Welcome, {name}");
    public string DashboardLead => P("ما ينتظرك اليوم في المحتوى.", "What is waiting for you in the content today.");
    public string MyDrafts => P("مسودات لم تُنشر", "Drafts not yet live");
    public string WaitingForReview => P("بانتظار المراجعة", "Waiting for review");
    public string Scheduled => P("مجدول", "Scheduled");
    public string TranslationsMissing => P("ترجمات ناقصة أو قديمة", "Translations missing or outdated");
    public string RecentActivity => P("آخر التعديلات", "Recently changed");
    public string NothingHere => P("لا شيء هنا الآن.", "Nothing here right now.");
    public string ScheduleFailures => P("جداول لم تُنفَّذ", "Schedules that failed");
    public string FailedAt(string when) => P($"تعذّر التنفيذ {when}", $"Failed {when}");
    public string SentForReview(string when) => P($"أُرسل للمراجعة {when}", $"Sent for review {when}");
    public string SystemActor => P("النظام", "System");
    public string AuditAction(string action) => action switch
    {
        "entry.create" or "entry.created" => P("أنشأ مُدخلًا", "created an entry"),
        "entry.update" or "entry.updated" => P("عدّل مُدخلًا", "edited an entry"),
        "entry.publish" or "entry.published" => P("نشر مُدخلًا", "published an entry"),
        "entry.unpublish" or "entry.unpublished" => P("أوقف نشر مُدخل", "unpublished an entry"),
        "entry.schedule" => P("جدول مُدخلًا", "scheduled an entry"),
        "entry.schedule_failed" => P("تعذّر تنفيذ جدول", "a schedule failed"),
        "entry.trash" or "entry.delete" or "entry.deleted" => P("نقل مُدخلًا إلى المهملات", "moved an entry to trash"),
        "entry.untrash" => P("أعاد مُدخلًا من المهملات", "brought an entry back from trash"),
        "entry.purge" => P("حذف مُدخلًا نهائيًا", "deleted an entry for good"),
        "entry.restore" => P("استعاد نسخة سابقة", "restored an earlier version"),
        "entry.review_request" or "entry.review_requested" => P("أرسل تعديلًا للمراجعة", "sent a change for review"),
        "entry.review_approved" => P("وافق على تعديل", "approved a change"),
        "entry.review_rejected" => P("ردّ تعديلًا", "sent a change back"),
        "entry.review" => P("راجع تعديلًا", "reviewed a change"),
        "user.roles" => P("غيّر أدوار مستخدم", "changed a user's roles"),
        "user.profile" => P("عدّل ملفًا شخصيًا", "edited a profile"),
        "webhook.create" => P("أضاف خطاف ويب", "added a webhook"),
        "webhook.delete" => P("حذف خطاف ويب", "deleted a webhook"),
        _ => action,
    };

    // Lists
    public string NewEntry(string label) => P($"{label} جديد", $"New {label.ToLowerInvariant()}");
    public string Search => P("بحث", "Search");
    public string SearchPlaceholder => P("ابحث بالاسم أو العنوان أو المعرّف النصي", "Search by name, title or slug");
    public string StatusFilter => P("الحالة", "Status");
    public string AllStatuses => P("الكل", "All");
    public string Draft => P("مسودة", "Draft");
    public string Published => P("منشور", "Live");
    public string SortBy => P("الترتيب", "Sort");
    public string NewestFirst => P("الأحدث إنشاءً", "Newest first");
    public string OldestFirst => P("الأقدم إنشاءً", "Oldest first");
    public string RecentlyUpdated => P("آخر تعديل", "Recently updated");
    public string TitleAToZ => P("العنوان أ–ي", "Title A–Z");
    public string TitleColumn => P("العنوان", "Title");
    public string TranslationsColumn => P("الترجمات", "Translations");
    public string UpdatedColumn => P("آخر تعديل", "Updated");
    public string NextPage => P("التالي", "Next");
    public string PreviousPage => P("السابق", "Previous");
    public string FirstPage => P("الأولى", "First");
    public string NoEntries => P("لا يوجد محتوى يطابق هذا البحث.", "No entries match.");
    public string LiveIn(string locale) => P($"منشور بـ{LanguageShort(locale)}", $"Live in {LanguageShort(locale)}");
    public string DraftIn(string locale) => P($"غير منشور بـ{LanguageShort(locale)}", $"Not live in {LanguageShort(locale)}");
    public string Missing => P("ناقص", "Missing");
    public string Outdated => P("قديم", "Outdated");
    public string Complete => P("مكتمل", "Complete");
    public string FallsBack => P("يُعرض من اللغة الأخرى", "Falls back");
    public string Empty => P("فارغ", "Empty");

    // Editor
    public string Save => P("حفظ", "Save");
    public string SaveForReview => P("حفظ وإرسال للمراجعة", "Save and send for review");
    public string SavesGoToReview => P("يراجع القيّم تعديلاتك قبل نشرها: الحفظ يرسلها إليه، ويظهر هنا ما نُشر منها.", "A curator reviews your changes before they go live: saving sends them for review, and this panel shows what is live.");
    public string Saving => P("جارٍ الحفظ…", "Saving…");
    public string Saved => P("تم الحفظ", "Saved");
    public string Create => P("إنشاء", "Create");
    public string Created => P("تم الإنشاء", "Created");
    public string Publish => P("نشر", "Publish");
    public string PublishIn(string locale) => P($"نشر {LanguageShort(locale)}", $"Publish {LanguageShort(locale)}");
    public string PublishBoth => P("نشر اللغتين", "Publish both");
    public string Unpublish(string locale) => P($"إيقاف {LanguageShort(locale)}", $"Unpublish {LanguageShort(locale)}");
    public string PublishedNow => P("تم النشر", "Published");
    public string Unpublished => P("أوقف النشر", "Unpublished");
    public string UnsavedChanges => P("تعديلات غير محفوظة", "Unsaved changes");
    public string LeaveWithoutSaving => P("لديك تعديلات غير محفوظة. هل تغادر دون حفظ؟", "You have unsaved changes. Leave without saving?");
    public string VersionConflict => P("عدّل شخص آخر هذا المحتوى بعد أن فتحته. انسخ تعديلاتك، ثم أعد التحميل لترى النسخة الأحدث.", "Someone else saved this entry after you opened it. Copy your changes, then reload to see the newest version.");
    public string Reload => P("أعد التحميل", "Reload");
    public string FixErrors => P("صحّح الحقول المشار إليها.", "Fix the fields marked below.");
    public string Version(int n) => P($"النسخة {n}", $"Version {n}");
    public string Slug => P("المعرّف النصي (الرابط)", "Slug (web address)");
    public string SlugHelp => P("يُولَّد من العنوان إن تركته فارغًا.", "Made from the title when left empty.");
    public string RedirectNotice(string from, string to) => P($"سيُنشأ تحويل دائم من {from} إلى {to}", $"A permanent redirect will be created from {from} to {to}");
    public string Publishing => P("النشر", "Publishing");
    public string Schedule => P("الجدولة", "Schedule");
    public string Review => P("المراجعة", "Review");
    public string ReviewPending(int version) => P($"النسخة {version} بانتظار موافقتك قبل النشر.", $"Version {version} is waiting for your approval before it goes live.");
    public string ApproveAndPublish => P("وافق وانشر", "Approve and publish");
    public string Reject => P("ردّ التعديل", "Reject");
    public string RejectComment => P("ملاحظة لصاحب المحتوى", "Comment for the author");
    public string RejectCommentHelp => P("الرد يتطلب ملاحظة توضّح ما يجب تعديله.", "A rejection needs a comment saying what to change.");
    public string ReviewApproved => P("تمت الموافقة والنشر", "Approved and published");
    public string ReviewRejected => P("رُدّ التعديل إلى صاحبه", "Sent back to the author");
    public string WaitingForReviewNote => P("حُفظ تعديلك وهو بانتظار مراجعة القيّم قبل النشر.", "Your change is saved and waiting for a curator's review before it goes live.");
    public string RejectedByCurator => P("ردّ القيّم هذا التعديل:", "A curator sent this change back:");
    public string PublishAt => P("النشر في", "Publish at");
    public string UnpublishAt => P("الإيقاف في", "Unpublish at");
    public string RiyadhTime => P("بتوقيت الرياض", "Riyadh time");
    public string SetSchedule => P("حفظ الجدولة", "Save schedule");
    public string ClearSchedule => P("إلغاء الجدولة", "Clear");
    public string NotScheduled => P("غير مجدول", "Not scheduled");
    public string ScheduleSaved => P("تم حفظ الجدولة", "Schedule saved");
    public string Versions => P("النسخ", "Versions");
    public string Compare => P("قارن بالحالية", "Compare with current");
    public string Restore => P("استعادة", "Restore");
    public string Restored(int n) => P($"استُعيدت النسخة {n} كنسخة جديدة", $"Version {n} restored as a new version");
    public string Before => P("قبل", "Before");
    public string After => P("بعد", "After");
    public string NoDifferences => P("لا فروق.", "No differences.");
    public string By(string who) => P($"بواسطة {who}", $"by {who}");
    public string Current => P("الحالية", "Current");
    public string Yes => P("نعم", "Yes");
    public string No => P("لا", "No");
    public string Choose => P("اختر…", "Choose…");
    public string Remove => P("إزالة", "Remove");
    public string MoveUp => P("إلى الأعلى", "Move up");
    public string MoveDown => P("إلى الأسفل", "Move down");
    public string AddBlock => P("أضف كتلة", "Add a block");
    public string BlockKind(string kind) => kind switch
    {
        "heading" => P("عنوان", "Heading"),
        "paragraph" => P("فقرة", "Paragraph"),
        "image" => P("صورة", "Image"),
        "gallery" => P("معرض صور", "Gallery"),
        "quote" => P("اقتباس", "Quote"),
        "embed" => P("تضمين", "Embed"),
        "entry-list" => P("قائمة محتوى", "Entry list"),
        _ => kind,
    };
    public string BlockText => P("النص", "Text");
    public string BlockLevel => P("المستوى", "Level");
    public string Caption => P("التعليق", "Caption");
    public string Cite => P("المصدر", "Source");
    public string Url => P("الرابط", "URL");
    public string NoBlocks => P("لا كتل بعد.", "No blocks yet.");
    public string Bold => P("عريض", "Bold");
    public string Italic => P("مائل", "Italic");
    public string Link => P("رابط", "Link");
    public string LinkPrompt => P("عنوان الرابط (https://…)", "Link address (https://…)");
    public string BulletList => P("قائمة نقطية", "Bulleted list");
    public string NumberedList => P("قائمة مرقمة", "Numbered list");
    public string PickEntry => P("اختر محتوى", "Choose an entry");
    public string PickMedia => P("اختر صورة", "Choose an image");
    public string Change => P("تغيير", "Change");
    public string Clear => P("مسح", "Clear");
    public string Close => P("إغلاق", "Close");
    public string Latitude => P("خط العرض", "Latitude");
    public string Longitude => P("خط الطول", "Longitude");
    public string Preview => P("معاينة", "Preview");
    public string PreviewOnSite(string locale) => P($"معاينة المسودة على الموقع {LanguageShort(locale)}", $"Preview draft on the site {LanguageShort(locale)}");
    public string OpenPreview(string locale) => P($"افتح المعاينة {LanguageShort(locale)} ↗", $"Open preview {LanguageShort(locale)} ↗");
    public string Delete => P("حذف", "Delete");
    public string ConfirmDelete => P("حذف هذا المحتوى نهائيًا؟", "Delete this entry for good?");
    public string Required => P("مطلوب", "Required");
    public string Localized => P("ثنائي اللغة", "Bilingual");
    public string SharedValue => P("قيمة واحدة للغتين", "One value for both languages");

    // Content model, media, administration
    public string Field => P("الحقل", "Field");
    public string Kind => P("النوع", "Kind");
    public string Rules => P("القواعد", "Rules");
    public string Characters => P("حرفًا", "characters");
    public string Items => P("عناصر", "items");
    public string Fields => P("الحقول", "Fields");
    public string Upload => P("رفع صورة", "Upload an image");
    public string AltArabic => P("النص البديل بالعربية", "Alt text in Arabic");
    public string AltEnglish => P("النص البديل بالإنجليزية", "Alt text in English");
    public string Uploaded => P("تم الرفع", "Uploaded");
    public string ChooseFile => P("اختر ملفًا", "Choose a file");
    public string Roles => P("الأدوار", "Roles");
    public string SaveRoles => P("حفظ الأدوار", "Save roles");
    public string RolesSaved => P("تم حفظ الأدوار", "Roles saved");
    public string Name => P("الاسم", "Name");
    public string Scopes => P("الصلاحيات", "Scopes");
    public string CreateKey => P("إنشاء مفتاح", "Create key");
    public string KeyShownOnce => P("انسخ المفتاح الآن؛ لن يظهر مرة أخرى.", "Copy the key now; it will not be shown again.");
    public string Revoke => P("إبطال", "Revoke");
    public string Revoked => P("مُبطَل", "Revoked");
    public string Active => P("فعّال", "Active");
    public string Events => P("الأحداث", "Events");
    public string AllEvents => P("كل الأحداث", "All events");
    public string AddWebhook => P("إضافة خطاف", "Add webhook");
    public string DeliveryLog => P("سجل التسليم", "Delivery log");
    public string DeliveryLogLead => P("كل محاولة لإرسال حدث إلى هذا الخطاف، الأحدث أولًا. أعد إرسال حدث لم يستلمه المستقبِل.",
        "Every attempt to send an event to this webhook, newest first. Replay an event the receiver missed.");
    public string NoDeliveries => P("لم يُرسَل إلى هذا الخطاف أي حدث بعد.", "No event has been sent to this webhook yet.");
    public string EventColumn => P("الحدث", "Event");
    public string DeliveryResult => P("النتيجة", "Result");
    public string Duration => P("المدة", "Duration");
    public string DeliveryId => P("معرّف التسليم", "Delivery id");
    public string Replay => P("إعادة الإرسال", "Replay");
    public string Replayed => P("أُعيد إرساله", "Replayed");
    public string NoAnswer => P("لا رد", "No answer");
    public string ReplayLabel(string eventType) => P($"إعادة إرسال الحدث {eventType}", $"Replay the {eventType} event");
    public string ReplaySucceeded(int status) => P($"أُعيد إرسال الحدث واستلمه المستقبِل (HTTP {status}).", $"The event was sent again and the receiver took it (HTTP {status}).");
    public string ReplayFailed(string error) => P($"أُعيد إرسال الحدث ولم يستلمه المستقبِل: {error}", $"The event was sent again but the receiver did not take it: {error}");
    public string Milliseconds(int ms) => P($"{ms} م.ث", $"{ms} ms");
    public string SecretShownOnce => P("سر التوقيع يظهر مرة واحدة؛ احفظه الآن.", "The signing secret is shown once; keep it now.");
    public string CreatedAt => P("أُنشئ", "Created");
    public string AdministratorsOnly => P("هذا القسم للمديرين فقط.", "Only administrators can open this section.");

    public string Role(string role) => role switch
    {
        "administrator" => P("مدير", "Administrator"),
        "curator" or "editor" => P("أمين محتوى", "Curator"),
        "marketing" => P("تسويق", "Marketing"),
        "artist" => P("فنان", "Artist"),
        "gallery" => P("صالة عرض", "Gallery"),
        "collector" or "member" => P("مقتنٍ", "Collector"),
        _ => role,
    };

    public string KindName(string kind) => kind switch
    {
        "text" => P("نص", "Text"),
        "richtext" => P("نص منسّق", "Rich text"),
        "integer" => P("عدد صحيح", "Whole number"),
        "decimal" => P("عدد عشري", "Decimal"),
        "boolean" => P("نعم/لا", "Yes/no"),
        "date" => P("تاريخ", "Date"),
        "datetime" => P("تاريخ ووقت", "Date and time"),
        "enum" => P("اختيار", "Choice"),
        "media" => P("صورة", "Image"),
        "reference" => P("مرجع", "Reference"),
        "blocks" => P("كتل", "Blocks"),
        "location" => P("موقع", "Location"),
        _ => kind,
    };
}
