using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Mail;
using Microsoft.Extensions.Options;

namespace ArtSouk.Notifications.Mail;

/// <summary>
/// The embedded default: each message becomes an <c>.eml</c> file in <c>{DataPath}/mail/pickup</c>, which any mail
/// client opens and a relay can pick up. Written under a temporary name and renamed, so a reader never sees half a file.
/// </summary>
internal sealed class PickupFolderMailer(IOptions<ArtSoukOptions> app, IOptions<MailOptions> options, TimeProvider clock) : IMailer
{
    public string Folder => Path.Combine(app.Value.FullDataPath, "mail", "pickup");

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = MailMessages.Compose(mail, options.Value);
        Directory.CreateDirectory(Folder);
        var name = $"{clock.GetUtcNow():yyyyMMdd'T'HHmmssfff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(Folder, name + ".tmp");
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, Path.Combine(Folder, name + ".eml"));
    }
}
