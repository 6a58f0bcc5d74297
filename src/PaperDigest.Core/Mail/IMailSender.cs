using MimeKit;

namespace PaperDigest.Core.Mail;

/// <summary>
/// Hands messages to the mail server (or the pickup folder), one run at a time: a sender keeps its connection open
/// between messages and paces them; dispose it at the end of the run. Failures are <see cref="MailDeliveryException"/>s.
/// </summary>
public interface IMailSender : IAsyncDisposable
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
