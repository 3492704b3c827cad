namespace ArtSouk.Kernel.Mail;

/// <summary>
/// One e-mail to one person, written in one language: <paramref name="Html"/> already laid out for that language
/// (<c>dir="rtl"</c> for Arabic), <paramref name="Text"/> its plain-text twin, and files sent with it (an invoice PDF,
/// a ticket's calendar entry).
/// </summary>
public sealed record OutgoingMail(string To, string? ToName, string Subject, string Html, string Text, string Locale,
    IReadOnlyList<MailAttachment>? Attachments = null);

/// <summary>A file attached to an e-mail.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// Hands e-mail to delivery: a pickup folder by default, SMTP when <c>Mail:Smtp:Host</c> is set (ArtSouk.Notifications).
/// Completes when the message is written or accepted by the server; callers that must not wait (or must not reveal
/// how long it took) queue the call themselves.
/// </summary>
public interface IMailer
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
