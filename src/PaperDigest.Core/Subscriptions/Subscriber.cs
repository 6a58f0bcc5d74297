namespace PaperDigest.Core.Subscriptions;

public enum DigestFrequency
{
    Daily,
    Weekly,
}

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe, has not confirmed: receives nothing but confirmation emails.</summary>
    Pending,
    Active,
    Paused,
    Unsubscribed,
    /// <summary>Mail to the address failed permanently too often; it is no longer mailed.</summary>
    Bounced,
}

/// <summary>An email address and what its owner wants in their digest.</summary>
public sealed class Subscriber
{
    public long Id { get; set; }
    /// <summary>Trimmed and lowercased, so one address is one subscriber however it is typed.</summary>
    public required string Email { get; set; }
    public SubscriberStatus Status { get; set; }
    public required SubscriberPreferences Preferences { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>When the last confirmation (or "already subscribed") email went out: at most one an hour.</summary>
    public DateTimeOffset? ConfirmationSentAt { get; set; }
    public int PermanentFailures { get; set; }
    public List<SubscriberToken> Tokens { get; set; } = [];
}

/// <summary>What goes in a subscriber's digest and how often.</summary>
public sealed record SubscriberPreferences
{
    public const int MaxTags = 20;
    public const int MaxPapersLimit = 50;
    public const int MaxMinUpvotes = 100_000;

    public DigestFrequency Frequency { get; init; } = DigestFrequency.Daily;
    /// <summary>Tag slugs; a paper qualifies when it has any of them. Empty means every paper.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    public int MinUpvotes { get; init; }
    public int MaxPapers { get; init; } = 10;

    /// <summary>
    /// New arXiv papers per email, after the curated ones (0: none): those in <see cref="ArxivCategories"/> or with one
    /// of <see cref="Tags"/>, or every new one when neither is chosen.
    /// </summary>
    public int ArxivPapers { get; init; }

    /// <summary>Followed arXiv categories (cs.LG) whose new papers the arXiv part takes.</summary>
    public IReadOnlyList<string> ArxivCategories { get; init; } = [];

    public const int MaxTopicLength = 300;
    public const double DefaultTopicThreshold = 0.35;

    /// <summary>
    /// A topic in the reader's own words ("robots learning from videos of people"): papers this close in meaning
    /// (<see cref="TopicThreshold"/>) qualify as well as those with one of <see cref="Tags"/>, in both parts.
    /// </summary>
    public string? Topic { get; init; }

    /// <summary>The cosine similarity a paper needs to the topic, 0.1 to 0.9; the preview shows each paper's.</summary>
    public double TopicThreshold { get; init; } = DefaultTopicThreshold;
}
