using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Which of an edition's papers one subscriber gets: the one place the choice is made, for sending, the preview and
/// the archive alike. <paramref name="Ranked"/> holds the curated papers listed in the week to the edition's day, best
/// first; <paramref name="Arxiv"/> the papers arXiv announced in that week, newest day first in arXiv's order.
/// </summary>
public sealed record DigestChoice(DigestFrequency Frequency, DateOnly EditionDay, IReadOnlyList<ScoredPaper> Ranked, IReadOnlyList<ArxivCandidate> Arxiv)
{
    /// <summary>How far back a daily digest reaches for someone whose last one was long ago (or never).</summary>
    public const int MaxDays = 7;

    /// <summary>
    /// The best-scored curated papers listed after their previous digest that pass the subscriber's filters, at most
    /// their chosen number; then, if they asked for it, new arXiv papers in their categories or tags, at most their
    /// arXiv number. No paper is in both parts, and none they have received before is in either.
    /// </summary>
    public DigestSelection Choose(SubscriberPreferences preferences, DateOnly? previousDigestDay, IReadOnlySet<string> received)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(received);
        var listedAfter = ListedAfter(previousDigestDay);
        var curated = Ranked
            .Where(p => p.LastListed > listedAfter && p.Upvotes >= preferences.MinUpvotes && !received.Contains(p.ArxivId)
                        && (preferences.Tags.Count == 0 || p.Tags.Any(preferences.Tags.Contains)))
            .Take(preferences.MaxPapers)
            .Select(p => p.ArxivId)
            .ToList();
        if (preferences.ArxivPapers == 0)
            return new DigestSelection(curated, []);
        var anyTopic = preferences.Tags.Count == 0 && preferences.ArxivCategories.Count == 0;
        var arxiv = Arxiv
            .Where(p => p.Day > listedAfter && !received.Contains(p.ArxivId) && !curated.Contains(p.ArxivId)
                        && (anyTopic || p.Categories.Any(preferences.ArxivCategories.Contains) || p.Tags.Any(preferences.Tags.Contains)))
            .Take(preferences.ArxivPapers)
            .Select(p => p.ArxivId)
            .ToList();
        return new DigestSelection(curated, arxiv);
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

/// <summary>A paper arXiv announced in an edition's week: its latest announcement day, its categories there, its tags.</summary>
public sealed record ArxivCandidate(string ArxivId, DateOnly Day, IReadOnlyList<string> Categories, IReadOnlyList<string> Tags);

/// <summary>One subscriber's papers: the curated part, then the arXiv part.</summary>
public sealed record DigestSelection(IReadOnlyList<string> Curated, IReadOnlyList<string> Arxiv)
{
    public bool IsEmpty => Curated.Count == 0 && Arxiv.Count == 0;

    /// <summary>Every paper of both parts, as the ledger records them so none is sent again.</summary>
    public IReadOnlyList<string> All => [.. Curated, .. Arxiv];
}
