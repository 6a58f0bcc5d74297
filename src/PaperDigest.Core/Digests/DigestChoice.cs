using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Which of an edition's papers one subscriber gets: the one place the choice is made, for sending, the preview and
/// the archive alike. <paramref name="Ranked"/> holds the papers listed in the week to the edition's day, best first.
/// </summary>
public sealed record DigestChoice(DigestFrequency Frequency, DateOnly EditionDay, IReadOnlyList<ScoredPaper> Ranked)
{
    /// <summary>How far back a daily digest reaches for someone whose last one was long ago (or never).</summary>
    public const int MaxDays = 7;

    /// <summary>
    /// The best-scored papers listed after their previous digest that pass the subscriber's filters and that they have
    /// not received before, at most their chosen number.
    /// </summary>
    public List<string> Choose(SubscriberPreferences preferences, DateOnly? previousDigestDay, IReadOnlySet<string> received)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(received);
        var listedAfter = ListedAfter(previousDigestDay);
        return Ranked
            .Where(p => p.LastListed > listedAfter && p.Upvotes >= preferences.MinUpvotes && !received.Contains(p.ArxivId)
                        && (preferences.Tags.Count == 0 || p.Tags.Any(preferences.Tags.Contains)))
            .Take(preferences.MaxPapers)
            .Select(p => p.ArxivId)
            .ToList();
    }

    /// <summary>
    /// The day after which papers count as new for a subscriber: for daily digests the last day their previous
    /// digest covered (a first digest: the edition's own day only), for weekly ones the seven days to the edition.
    /// </summary>
    private DateOnly ListedAfter(DateOnly? previousDigestDay)
    {
        var earliest = EditionDay.AddDays(-MaxDays);
        if (Frequency == DigestFrequency.Weekly)
            return earliest;
        var since = previousDigestDay ?? EditionDay.AddDays(-1);
        return since > earliest ? since : earliest;
    }
}
