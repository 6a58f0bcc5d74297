using PaperDigest.Core.Interests;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Which of an edition's papers one subscriber gets: the one place the choice is made, for sending, the preview and
/// the archive alike. <paramref name="Ranked"/> holds the curated papers listed in the week to the edition's day, best
/// first; <paramref name="Arxiv"/> the papers arXiv announced in that week, newest day first in arXiv's order;
/// <paramref name="Vectors"/> the embeddings of those that have one, for topics and personal order.
/// </summary>
public sealed record DigestChoice(DigestFrequency Frequency, DateOnly EditionDay, IReadOnlyList<ScoredPaper> Ranked, IReadOnlyList<ArxivCandidate> Arxiv,
    IReadOnlyDictionary<string, float[]>? Vectors = null)
{
    /// <summary>How far back a daily digest reaches for someone whose last one was long ago (or never).</summary>
    public const int MaxDays = 7;

    /// <summary>
    /// The first day the ledger still knows who got what (<see cref="DigestLedgerRetention"/>): a paper first listed
    /// before it might have been sent in a forgotten edition, so it is not sent again. Null: the ledger forgets nothing.
    /// </summary>
    public DateOnly? RememberedFrom { get; init; }

    /// <summary>
    /// The curated papers listed after their previous digest that pass the subscriber's filters (a followed tag, or
    /// closeness to their topic), at most their chosen number, in trending order or, once the reader has said what
    /// they want more or fewer of, in the personal order <see cref="InterestProfile"/> documents; then, if they asked
    /// for it, new arXiv papers in their categories, tags or topic, at most their arXiv number. No paper is in both
    /// parts, none they have received before is in either, and each says why it is there.
    /// </summary>
    public DigestSelection Choose(SubscriberPreferences preferences, DateOnly? previousDigestDay, IReadOnlySet<string> received,
        InterestProfile? interest = null)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(received);
        interest ??= InterestProfile.None;
        var listedAfter = ListedAfter(previousDigestDay);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var followsTopic = interest.Topic is not null;
        var anyPaper = preferences.Tags.Count == 0 && !followsTopic;

        var matching = Ranked
            .Where(p => p.LastListed > listedAfter && p.Upvotes >= preferences.MinUpvotes && !received.Contains(p.ArxivId)
                        && !(p.FirstListed < RememberedFrom))
            .Select(p => (p.ArxivId, Reason: anyPaper ? Reasons.Trending : WhyFollowed(p.ArxivId, p.Tags, preferences, interest)))
            .Where(p => p.Reason is not null)
            .ToList();
        var curated = InOrder(matching, interest).Take(preferences.MaxPapers).ToList();
        foreach (var (id, reason) in curated)
            reasons[id] = reason!;
        var curatedIds = curated.Select(p => p.ArxivId).ToList();
        if (preferences.ArxivPapers == 0)
            return new DigestSelection(curatedIds, [], reasons);

        var anyArxivPaper = anyPaper && preferences.ArxivCategories.Count == 0;
        var arxiv = Arxiv
            .Where(p => p.Day > listedAfter && !received.Contains(p.ArxivId) && !curatedIds.Contains(p.ArxivId))
            .Select(p => (p.ArxivId, Reason: anyArxivPaper ? Reasons.NewOnArxiv
                : p.Categories.FirstOrDefault(preferences.ArxivCategories.Contains) is { } category ? Reasons.InCategory(category)
                : WhyFollowed(p.ArxivId, p.Tags, preferences, interest)))
            .Where(p => p.Reason is not null)
            .Take(preferences.ArxivPapers)
            .ToList();
        foreach (var (id, reason) in arxiv)
            reasons[id] = reason!;
        return new DigestSelection(curatedIds, arxiv.Select(p => p.ArxivId).ToList(), reasons);
    }

    // A followed tag, or a topic the paper is close enough to; null when neither.
    private string? WhyFollowed(string arxivId, IReadOnlyList<string> tags, SubscriberPreferences preferences, InterestProfile interest) =>
        tags.FirstOrDefault(preferences.Tags.Contains) is { } tag ? Reasons.Tagged(tag)
        : interest.TopicSimilarity(VectorOf(arxivId)) is { } similarity && similarity >= preferences.TopicThreshold ? Reasons.Topic(similarity)
        : null;

    // Trending order until the reader has said what they want; then each candidate's trending rank (1 for the first,
    // falling evenly) and its closeness to their likes are blended, and a paper close to a liked one says so.
    private IEnumerable<(string ArxivId, string? Reason)> InOrder(List<(string ArxivId, string? Reason)> matching, InterestProfile interest)
    {
        if (interest.RanksByTrend)
            return matching;
        return matching
            .Select((p, rank) =>
            {
                var (similarity, closeTo) = interest.Weigh(VectorOf(p.ArxivId));
                var trend = 1.0 - (double)rank / matching.Count;
                return (p.ArxivId, Reason: closeTo is null ? p.Reason : Reasons.CloseTo(closeTo.Title),
                    Score: InterestProfile.TrendWeight * trend + InterestProfile.MeaningWeight * similarity, Rank: rank);
            })
            .OrderByDescending(p => p.Score).ThenBy(p => p.Rank)
            .Select(p => (p.ArxivId, p.Reason));
    }

    private float[]? VectorOf(string arxivId) => Vectors?.GetValueOrDefault(arxivId);

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

/// <summary>One subscriber's papers: the curated part, then the arXiv part, and why each is there.</summary>
public sealed record DigestSelection(IReadOnlyList<string> Curated, IReadOnlyList<string> Arxiv, IReadOnlyDictionary<string, string>? Reasons = null)
{
    /// <summary>The few words saying why the paper is in the digest ("trending", "close to: …").</summary>
    public string? ReasonFor(string arxivId) => Reasons?.GetValueOrDefault(arxivId);

    public bool IsEmpty => Curated.Count == 0 && Arxiv.Count == 0;

    /// <summary>Every paper of both parts, as the ledger records them so none is sent again.</summary>
    public IReadOnlyList<string> All => [.. Curated, .. Arxiv];
}

/// <summary>The words a digest item uses to say why it is there.</summary>
public static class Reasons
{
    public const string Trending = "trending";
    public const string NewOnArxiv = "new on arXiv";
    /// <summary>"matches your topic (0.42)": the similarity helps a reader choose their threshold.</summary>
    public static string Topic(double similarity) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"matches your topic ({similarity:0.00})");

    public static string Tagged(string tag) => "tagged " + tag;

    public static string InCategory(string category) => "new in " + category;

    public static string CloseTo(string title) => "close to: " + title;
}
