using ArtSouk.Kernel.Mail;
using MimeKit;

namespace ArtSouk.Notifications.Mail;

internal static class MailMessages
{
    /// <summary>Plain text and HTML as alternatives, labelled with the language they are written in, then any attachments.</summary>
    public static MimeMessage Compose(OutgoingMail mail, MailOptions options)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(new MailboxAddress(mail.ToName ?? "", mail.To));
        message.Subject = mail.Subject;
        message.Headers.Add(HeaderId.ContentLanguage, mail.Locale);
        var body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html };
        foreach (var attachment in mail.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        }
        message.Body = body.ToMessageBody();
        return message;
    }
}
