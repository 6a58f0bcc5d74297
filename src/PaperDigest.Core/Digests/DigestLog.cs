using Microsoft.Extensions.Logging;

namespace PaperDigest.Core.Digests;

/// <summary>
/// The one event per message sent, so any delivery can be traced from the ledger to the log and the mail server's own
/// log (by Message-ID). Generated, because it is written for every message of a run: no boxing, no parsing of the template.
/// </summary>
internal static partial class DigestLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Digest delivery {DeliveryId} of edition {EditionId} sent to subscriber {SubscriberId} as {MessageId}")]
    public static partial void Sent(ILogger logger, long deliveryId, long editionId, long subscriberId, string? messageId);
}
