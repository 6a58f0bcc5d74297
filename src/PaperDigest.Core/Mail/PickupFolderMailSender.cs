using Microsoft.Extensions.Logging;
using MimeKit;

namespace PaperDigest.Core.Mail;

/// <summary>With no SMTP server configured: each message becomes an .eml file any mail program opens.</summary>
public sealed class PickupFolderMailSender(string directory, ILogger logger) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            Directory.CreateDirectory(directory);
            var name = string.Concat((message.MessageId ?? Guid.NewGuid().ToString("N")).Split(Path.GetInvalidFileNameChars())) + ".eml";
            var path = Path.Combine(directory, name);
            // Written aside and moved into place, so a reader of the folder never sees half a message.
            var partial = path + ".partial";
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path, overwrite: true);
            logger.LogInformation("No SMTP server is configured (Smtp:Host); wrote {MessageId} to {Path}", message.MessageId, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new MailDeliveryException(MailFailure.ServerUnavailable,
                $"The mail pickup folder {directory} could not be written ({exception.Message}); set Smtp:PickupDirectory or Smtp:Host.", exception);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
