using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Mail;

/// <summary>Creates the sender for one run: SMTP when <c>Smtp:Host</c> is set, the pickup folder otherwise.</summary>
public sealed class MailSenders(IOptions<MailOptions> options, TimeProvider clock, ILoggerFactory loggers)
{
    /// <summary>Where messages go, in words for a curator: the mail server, or the pickup folder and its path.</summary>
    public string Destination => string.IsNullOrWhiteSpace(options.Value.Host)
        ? $"the pickup folder {options.Value.PickupDirectory} (no mail server is set: Smtp:Host)"
        : $"the mail server at {options.Value.Host}:{options.Value.Port}";

    public IMailSender Create() => string.IsNullOrWhiteSpace(options.Value.Host)
        ? new PickupFolderMailSender(options.Value.PickupDirectory, loggers.CreateLogger<PickupFolderMailSender>())
        : new SmtpMailSender(options.Value, clock, loggers.CreateLogger<SmtpMailSender>());
}
