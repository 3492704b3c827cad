using System.Net;
using System.Threading.Channels;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Mail;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Accounts.Passwords;

/// <summary>A reset link to send: to whom, in which language, and the manager page it opens.</summary>
internal sealed record PasswordResetLink(string Email, string DisplayName, string Locale, Uri Link);

/// <summary>
/// Sends reset e-mails off the request, so <c>forgot-password</c> answers known and unknown addresses equally fast and
/// an SMTP stall never holds a request. Not through the outbox on purpose: a reset token should not sit in a table.
/// A message lost in a crash costs the person one more click.
/// </summary>
internal sealed partial class PasswordResetMail(IMailer mailer, ILogger<PasswordResetMail> logger) : BackgroundService
{
    private readonly Channel<PasswordResetLink> _queue = Channel.CreateBounded<PasswordResetLink>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(PasswordResetLink link) => _queue.Writer.TryWrite(link);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var link in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await mailer.SendAsync(Compose(link), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    /// <summary>The e-mail in the account's language: Arabic laid out right to left, English left to right.</summary>
    public static OutgoingMail Compose(PasswordResetLink link)
    {
        var arabic = link.Locale != Locales.English;
        var href = WebUtility.HtmlEncode(link.Link.AbsoluteUri);
        var subject = arabic ? "إعادة تعيين كلمة المرور في سوق الفن" : "Reset your Art Souk password";
        var (greeting, lead, button, ignore) = arabic
            ? ($"مرحبًا {link.DisplayName}،", "طلب أحدهم إعادة تعيين كلمة مرور حسابك في سوق الفن. افتح الرابط خلال ساعتين لاختيار كلمة مرور جديدة:",
                "اختر كلمة مرور جديدة", "إن لم تطلب ذلك فتجاهل هذه الرسالة؛ كلمة مرورك الحالية تبقى كما هي.")
            : ($"Hello {link.DisplayName},", "Someone asked to reset the password of your Art Souk account. Open the link within two hours to choose a new one:",
                "Choose a new password", "If that was not you, ignore this e-mail; your password stays as it is.");
        var text = $"{greeting}\n\n{lead}\n{link.Link.AbsoluteUri}\n\n{ignore}\n\n{(arabic ? "سوق الفن" : "Art Souk")}\n";
        var dir = arabic ? "rtl" : "ltr";
        var align = arabic ? "right" : "left";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{link.Locale}" dir="{dir}">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body dir="{dir}" style="font-family: Tahoma, Arial, sans-serif; text-align: {align}; color: #222;">
              <p>{WebUtility.HtmlEncode(greeting)}</p>
              <p>{WebUtility.HtmlEncode(lead)}</p>
              <p><a href="{href}" style="display: inline-block; padding: 10px 18px; background: #7a4b2a; color: #fff; text-decoration: none; border-radius: 4px;">{WebUtility.HtmlEncode(button)}</a></p>
              <p dir="ltr" style="font-size: 12px; color: #555; text-align: {align};">{href}</p>
              <p style="font-size: 13px; color: #555;">{WebUtility.HtmlEncode(ignore)}</p>
            </body>
            </html>
            """;
        return new OutgoingMail(link.Email, link.DisplayName, subject, html, text, arabic ? Locales.Arabic : Locales.English);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A password reset e-mail could not be sent")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
