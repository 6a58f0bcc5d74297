namespace PaperDigest.Core.Subscriptions;

public enum TokenPurpose
{
    /// <summary>Single use, expires: confirms a subscription.</summary>
    Confirm,
    /// <summary>Opens the subscriber's own page; every email carries a fresh one.</summary>
    Manage,
}

/// <summary>
/// The SHA-256 of a link token. The token itself (256 random bits) exists only in the email that carries it, so a
/// copy of the database cannot be used to unsubscribe or read anyone's preferences.
/// </summary>
public sealed class SubscriberToken
{
    public required byte[] Hash { get; set; }
    public long SubscriberId { get; set; }
    public TokenPurpose Purpose { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
