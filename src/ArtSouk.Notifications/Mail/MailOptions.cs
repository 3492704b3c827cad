using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace ArtSouk.Notifications.Mail;

/// <summary>The <c>Mail</c> section: who e-mail comes from, and the SMTP server when there is one.</summary>
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Mail";

    /// <summary>The sender, <c>Name &lt;address&gt;</c> or a bare address.</summary>
    public string From { get; set; } = "سوق الفن Art Souk <no-reply@artsouk.sa>";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>With no <c>Mail:Smtp:Host</c>, messages are written as <c>.eml</c> files to <c>{DataPath}/mail/pickup</c>.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"Mail:From \"{From}\" is not an e-mail address (Name <address@example.com>)", [nameof(From)]);
        }
        if (Smtp.Port is < 1 or > 65535)
        {
            yield return new ValidationResult("Mail:Smtp:Port must be between 1 and 65535", [nameof(Smtp)]);
        }
        if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
        {
            yield return new ValidationResult("Mail:Smtp:UserName and Mail:Smtp:Password go together: set both to authenticate, or neither", [nameof(Smtp)]);
        }
        if (Smtp.Timeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Mail:Smtp:Timeout must be a positive time span (00:00:30)", [nameof(Smtp)]);
        }
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c> (TLS when the server offers it), <c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c> (port 465).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public enum SmtpSecurity
{
    Auto,
    None,
    StartTls,
    SslOnConnect,
}
