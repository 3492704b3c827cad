using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Mail;
using ArtSouk.Notifications.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Notifications;

public static class NotificationsExtensions
{
    /// <summary>E-mail delivery behind <see cref="IMailer"/>: SMTP when <c>Mail:Smtp:Host</c> is set, else the pickup folder.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<MailOptions>(MailOptions.Section);
        var mail = builder.Configuration.ReadValidated<MailOptions>(MailOptions.Section);
        if (mail.UsesSmtp)
        {
            builder.Services.AddSingleton<IMailer, SmtpMailer>();
        }
        else
        {
            builder.Services.AddSingleton<IMailer, PickupFolderMailer>();
        }
        return builder;
    }
}
