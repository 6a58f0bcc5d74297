using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>Which of an edition's papers one subscriber gets.</summary>
public static class DigestSelection
{
    /// <summary>How far back a daily digest reaches for someone whose last one was long ago (or never).</summary>
    public const int MaxDays = 7;

    /// <summary>
    /// The best-scored papers listed after <paramref name="listedAfter"/> that pass the subscriber's filters and
    /// that they have not received before, at most their chosen number.
    /// </summary>
    public static List<string> Choose(IReadOnlyList<ScoredPaper> rankedCandidates, SubscriberPreferences preferences, DateOnly listedAfter,
        IReadOnlySet<string> received)
    {
        ArgumentNullException.ThrowIfNull(rankedCandidates);
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(received);
        return rankedCandidates
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
    public static DateOnly ListedAfter(DigestFrequency frequency, DateOnly editionDay, DateOnly? previousDigestDay)
    {
        var earliest = editionDay.AddDays(-MaxDays);
        if (frequency == DigestFrequency.Weekly)
            return earliest;
        var since = previousDigestDay ?? editionDay.AddDays(-1);
        return since > earliest ? since : earliest;
    }
}
