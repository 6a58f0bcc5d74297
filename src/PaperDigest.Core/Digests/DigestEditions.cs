using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>An edition's candidates, and the public views of editions: the preview and the archive.</summary>
public sealed class DigestEditions(PaperDigestDbContext db, TrendingPapers trending, MailComposer composer)
{
    /// <summary>The day the current edition is named by: the latest day with listings.</summary>
    public Task<DateOnly?> LatestEditionDayAsync(CancellationToken cancellationToken) => db.Listings.LatestCuratedDayAsync(cancellationToken);

    /// <summary>Papers the archive shows for an edition (subscribers each get their own selection).</summary>
    public const int ArchivePapers = 20;

    /// <summary>Every paper listed in the seven days to <paramref name="day"/>, scored once for every subscriber, and how each is shown.</summary>
    public async Task<DigestCandidates> CandidatesAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken)
    {
        var choice = await ChoiceAsync(frequency, day, cancellationToken);
        var papers = await DigestPapers.LoadAsync(db, choice.Ranked.Select(p => p.ArxivId).ToList(), cancellationToken);
        return new DigestCandidates(choice, new DigestContent(frequency, day, papers, composer.Site.ForMail));
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
        return await DigestForAsync(frequency, day, new SubscriberPreferences { Frequency = frequency, MaxPapers = ArchivePapers },
            previousDigestDay: null, new HashSet<string>(), cancellationToken);
    }

    /// <summary>
    /// One reader's digest of the edition ending on <paramref name="day"/>, for showing rather than sending: only the
    /// chosen papers are loaded for display, not the whole week's.
    /// </summary>
    public async Task<DigestContent> DigestForAsync(DigestFrequency frequency, DateOnly day, SubscriberPreferences preferences,
        DateOnly? previousDigestDay, IReadOnlySet<string> received, CancellationToken cancellationToken)
    {
        var chosen = (await ChoiceAsync(frequency, day, cancellationToken)).Choose(preferences, previousDigestDay, received);
        return new DigestContent(frequency, day, await DigestPapers.LoadAsync(db, chosen, cancellationToken), composer.Site.ForMail);
    }

    private async Task<DigestChoice> ChoiceAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken) =>
        new(frequency, day, await trending.ScoreListedAsync(day.AddDays(-(DigestChoice.MaxDays - 1)), day, cancellationToken));

    public Task<List<DigestEdition>> ListAsync(CancellationToken cancellationToken) =>
        db.DigestEditions.AsNoTracking().OrderByDescending(e => e.LastDay).ThenBy(e => e.Frequency).ToListAsync(cancellationToken);
}

/// <summary>An edition's choice of papers and the digest form of every candidate, loaded once for all its readers.</summary>
public sealed record DigestCandidates(DigestChoice Choice, DigestContent Content)
{
    private readonly Dictionary<string, DigestPaper> byId = Content.Papers.ToDictionary(p => p.ArxivId, StringComparer.Ordinal);

    public DigestContent WithPapers(IEnumerable<string> arxivIds, Uri? manageUrl = null) =>
        Content with { Papers = arxivIds.Select(id => byId[id]).ToList(), ManageUrl = manageUrl };
}
