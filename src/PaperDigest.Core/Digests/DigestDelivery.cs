namespace PaperDigest.Core.Digests;

public enum DeliveryState
{
    Pending,
    /// <summary>Claimed by a sender until <see cref="DigestDelivery.ClaimedUntil"/>; a sender that dies leaves it to be reclaimed.</summary>
    Sending,
    Sent,
    /// <summary>Nothing new matched the subscriber's preferences, so no email was sent.</summary>
    Skipped,
    Failed,
}

/// <summary>
/// The ledger: one row per subscriber and edition (unique), so an edition can be re-run, resumed after a crash or
/// run by two instances at once and still mail each subscriber once.
/// </summary>
public sealed class DigestDelivery
{
    public long Id { get; set; }
    public long SubscriberId { get; set; }
    public long EditionId { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>After a transient SMTP refusal: not retried before this time.</summary>
    public DateTimeOffset? RetryAfter { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>The papers the email carried; a paper a subscriber has received is never sent to them again.</summary>
    public List<string> PaperIds { get; set; } = [];
    public string? Error { get; set; }
}
