using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Interests;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>An edition's candidates, and the public views of editions: the preview and the archive.</summary>
public sealed class DigestEditions(PaperDigestDbContext db, TrendingPapers trending, MailComposer composer, InterestProfiles interests,
    Microsoft.Extensions.Options.IOptions<DigestOptions> options)
{
    /// <summary>The day the current edition is named by: the latest day with listings.</summary>
    public Task<DateOnly?> LatestEditionDayAsync(CancellationToken cancellationToken) => db.Listings.LatestCuratedDayAsync(cancellationToken);

    /// <summary>Papers the archive shows for an edition (subscribers each get their own selection).</summary>
    public const int ArchivePapers = 20;

    /// <summary>Every paper listed in the seven days to <paramref name="day"/>, scored once for every subscriber, and how each is shown.</summary>
    public async Task<DigestCandidates> CandidatesAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken)
    {
        // The arXiv part's candidates are read only when a subscriber of this edition asked for one.
        var anyArxiv = await db.Subscribers.AnyAsync(s => s.Status == SubscriberStatus.Active && s.Preferences.Frequency == frequency
                                                          && s.Preferences.ArxivPapers > 0, cancellationToken);
        // So are the candidates' vectors, only when a subscriber follows a topic or has said what they want.
        var anyInterest = await db.Subscribers.AnyAsync(s => s.Status == SubscriberStatus.Active && s.Preferences.Frequency == frequency
                                                             && (s.Preferences.Topic != null || db.PaperFeedback.Any(f => f.SubscriberId == s.Id)), cancellationToken);
        var choice = await ChoiceAsync(frequency, day, anyArxiv, anyInterest, cancellationToken);
        var papers = await DigestPapers.LoadAsync(db, choice.Ranked.Select(p => p.ArxivId).ToList(), cancellationToken);
        var arxiv = await DigestPapers.LoadAsync(db, choice.Arxiv.Select(p => p.ArxivId).ToList(), cancellationToken);
        return new DigestCandidates(choice, new DigestContent(frequency, day, papers, composer.Site.ForMail) { ArxivPapers = arxiv });
    }

    /// <summary>What a new subscriber with these preferences would get in the next edition; null before any listing.</summary>
    public async Task<DigestContent?> PreviewAsync(DigestFrequency frequency, SubscriberPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        return await db.Listings.LatestCuratedDayAsync(cancellationToken) is { } day
            ? await DigestForAsync(frequency, day, preferences, previousDigestDay: null, new HashSet<string>(), cancellationToken)
            : null;
    }

    /// <summary>A sent edition as the archive shows it: its best papers by today's scores; null when there was no such edition.</summary>
    public async Task<DigestContent?> ArchiveAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken)
    {
        if (!await db.DigestEditions.AnyAsync(e => e.Frequency == frequency && e.LastDay == day, cancellationToken))
            return null;
        // Both parts, so the archive shows what a reader could get and which part each paper came from.
        return await DigestForAsync(frequency, day, new SubscriberPreferences { Frequency = frequency, MaxPapers = ArchivePapers, ArxivPapers = ArchivePapers },
            previousDigestDay: null, new HashSet<string>(), cancellationToken);
    }

    /// <summary>
    /// One reader's digest of the edition ending on <paramref name="day"/>, for showing rather than sending: only the
    /// chosen papers are loaded for display, not the whole week's.
    /// </summary>
    /// <param name="interest">The reader's profile; without one, that of the preferences alone (their topic).</param>
    public async Task<DigestContent> DigestForAsync(DigestFrequency frequency, DateOnly day, SubscriberPreferences preferences,
        DateOnly? previousDigestDay, IReadOnlySet<string> received, CancellationToken cancellationToken, InterestProfile? interest = null)
    {
        interest ??= await interests.ForPreferencesAsync(preferences, cancellationToken);
        var chosen = (await ChoiceAsync(frequency, day, preferences.ArxivPapers > 0, interest.Topic is not null || !interest.RanksByTrend, cancellationToken))
            .Choose(preferences, previousDigestDay, received, interest);
        return new DigestContent(frequency, day, WithReasons(await DigestPapers.LoadAsync(db, chosen.Curated, cancellationToken), chosen), composer.Site.ForMail)
        {
            ArxivPapers = WithReasons(await DigestPapers.LoadAsync(db, chosen.Arxiv, cancellationToken), chosen),
        };
    }

    private static List<DigestPaper> WithReasons(IReadOnlyList<DigestPaper> papers, DigestSelection chosen) =>
        papers.Select(p => p with { Reason = chosen.ReasonFor(p.ArxivId) }).ToList();

    private async Task<DigestChoice> ChoiceAsync(DigestFrequency frequency, DateOnly day, bool withArxiv, bool withVectors, CancellationToken cancellationToken)
    {
        var firstDay = day.AddDays(-(DigestChoice.MaxDays - 1));
        var ranked = await trending.ScoreListedAsync(firstDay, day, cancellationToken);
        var arxiv = withArxiv ? await ArxivCandidatesAsync(firstDay, day, cancellationToken) : [];
        // Every candidate's vector, for topics and personal order: a week of papers, a few hundred kilobytes.
        var vectors = withVectors
            ? await interests.VectorsAsync([.. ranked.Select(p => p.ArxivId), .. arxiv.Select(p => p.ArxivId)], cancellationToken)
            : null;
        return new(frequency, day, ranked, arxiv, vectors) { RememberedFrom = DigestLedgerRetention.RememberedFrom(day, options.Value) };
    }

    // Every paper arXiv announced in the days, newest day first, then as arXiv lists a day (new submissions first).
    private async Task<IReadOnlyList<ArxivCandidate>> ArxivCandidatesAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var listings = await db.Listings.AsNoTracking()
            .Where(l => EF.Functions.Like(l.Source, ListingSources.ArxivCategoryPattern) && l.Day >= firstDay && l.Day <= lastDay
                        && db.Papers.Any(p => p.ArxivId == l.ArxivId))
            .Select(l => new { l.ArxivId, l.Source, l.Day, New = l.Kind == ListingKind.New, l.Rank })
            .ToListAsync(cancellationToken);
        var ids = listings.Select(l => l.ArxivId).Distinct().ToList();
        var tags = await db.PaperTags.AsNoTracking().Where(t => ids.Contains(t.ArxivId) && t.Origin != Tags.TagOrigin.Removed)
            .Select(t => new { t.ArxivId, t.Tag.Slug }).ToListAsync(cancellationToken);
        var tagsOf = tags.ToLookup(t => t.ArxivId, t => t.Slug);
        return listings.GroupBy(l => l.ArxivId)
            .Select(paper => (Latest: paper.OrderByDescending(l => l.Day).ThenByDescending(l => l.New).ThenBy(l => l.Rank).First(), Listings: paper))
            .OrderByDescending(p => p.Latest.Day).ThenByDescending(p => p.Latest.New).ThenBy(p => p.Latest.Rank).ThenBy(p => p.Latest.ArxivId, StringComparer.Ordinal)
            .Select(p => new ArxivCandidate(p.Latest.ArxivId, p.Latest.Day,
                p.Listings.Select(l => ListingSources.CategoryOf(l.Source)!).Distinct().ToList(), tagsOf[p.Latest.ArxivId].ToList()))
            .ToList();
    }

    public Task<List<DigestEdition>> ListAsync(CancellationToken cancellationToken) =>
        db.DigestEditions.AsNoTracking().OrderByDescending(e => e.LastDay).ThenBy(e => e.Frequency).ToListAsync(cancellationToken);
}

/// <summary>An edition's choice of papers and the digest form of every candidate, loaded once for all its readers.</summary>
public sealed record DigestCandidates(DigestChoice Choice, DigestContent Content)
{
    private readonly Dictionary<string, DigestPaper> byId = Content.Papers.Concat(Content.ArxivPapers)
        .DistinctBy(p => p.ArxivId).ToDictionary(p => p.ArxivId, StringComparer.Ordinal);

    public DigestContent WithPapers(DigestSelection selection, Uri? manageUrl = null) =>
        Content with
        {
            Papers = selection.Curated.Select(id => byId[id] with { Reason = selection.ReasonFor(id) }).ToList(),
            ArxivPapers = selection.Arxiv.Select(id => byId[id] with { Reason = selection.ReasonFor(id) }).ToList(),
            ManageUrl = manageUrl,
        };
}
