using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Mail;

/// <summary>Creates the sender for one run: SMTP when <c>Smtp:Host</c> is set, the pickup folder otherwise.</summary>
public sealed class MailSenders(IOptions<MailOptions> options, TimeProvider clock, ILoggerFactory loggers)
{
    public IMailSender Create() => string.IsNullOrWhiteSpace(options.Value.Host)
        ? new PickupFolderMailSender(options.Value.PickupDirectory, loggers.CreateLogger<PickupFolderMailSender>())
        : new SmtpMailSender(options.Value, clock, loggers.CreateLogger<SmtpMailSender>());
}
