using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Papers.Curation;

/// <summary>
/// What admins do to papers: find any paper (hidden ones included), hide and unhide, pin to the top of a day. Each
/// change is committed with its audit entry and empties the public page cache, so it shows at once.
/// </summary>
public sealed class PaperCuration(PaperDigestDbContext db, AuditLog audit, PublicPageCache pageCache, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>
    /// A page of the papers <paramref name="query"/> asks for (hidden ones included), in its order, with how many there
    /// are in all; its text is an arXiv id or address, or words, matched as public search matches them.
    /// </summary>
    public async Task<CuratedPapers> FindAsync(PaperQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var papers = db.Papers.IgnoreQueryFilters().AsNoTracking();
        if (query.HiddenOnly)
            papers = papers.Where(p => p.HiddenAt != null);
        if (query.UntaggedOnly)
            papers = Untagged(papers);
        if (query.CuratedOnly)
            papers = papers.Where(p => p.Listings.Any(l => ListingSources.Curating.Contains(l.Source)));
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            papers = ArxivId.TryNormalize(text, out var id)
                ? papers.Where(p => p.ArxivId == id)
                : PaperSearch.MatchingWords(papers, text);
        }
        var total = await papers.CountAsync(cancellationToken);
        var ordered = query.Sort switch
        {
            PaperSort.Upvotes => papers.OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId),
            PaperSort.Title => papers.OrderBy(p => p.Title).ThenBy(p => p.ArxivId),
            // Papers never listed (an import without days) come last, not first as a descending order puts NULLs.
            _ => papers.OrderBy(p => !p.Listings.Any()).ThenByDescending(p => p.Listings.Max(l => (DateOnly?)l.Day)).ThenByDescending(p => p.FirstSeenAt).ThenBy(p => p.ArxivId),
        };
        var page = await ordered
            .Page(query.Page, PageSize)
            .Select(p => new CuratedPaper(p.ArxivId, p.Title, p.Upvotes, p.FirstSeenAt, p.HiddenAt, p.PinnedDay, p.Listings.Max(l => (DateOnly?)l.Day),
                p.Listings.Where(l => ListingSources.Curating.Contains(l.Source)).Max(l => (DateOnly?)l.Day),
                p.Tags.Where(t => t.Origin != Tags.TagOrigin.Removed).OrderBy(t => t.Tag.Name).Select(t => t.Tag.Name).ToList()))
            .ToListAsync(cancellationToken);
        return new CuratedPapers(page, total);
    }

    /// <summary>
    /// How many shown papers a curating source listed on <paramref name="since"/> or later carry no tag: the new papers
    /// of the public views that neither a rule nor a curator has filed, which the admin home offers for review.
    /// </summary>
    public Task<int> CountUntaggedSinceAsync(DateOnly since, CancellationToken cancellationToken) =>
        Untagged(db.Papers).CountAsync(p => p.Listings.Any(l => ListingSources.Curating.Contains(l.Source) && l.Day >= since), cancellationToken);

    private static IQueryable<Paper> Untagged(IQueryable<Paper> papers) =>
        papers.Where(p => !p.Tags.Any(t => t.Origin != Tags.TagOrigin.Removed));

    /// <summary>Hides or shows the paper.</summary>
    public async Task<Outcome> SetHiddenAsync(string actor, string arxivId, bool hidden, CancellationToken cancellationToken) =>
        await SetHiddenAsync(actor, [arxivId], hidden, cancellationToken);

    /// <summary>Hides or shows each of the papers, audited one by one; gives how many changed and how many were so already.</summary>
    public async Task<Outcome<BulkChange>> SetHiddenAsync(string actor, IReadOnlyCollection<string> arxivIds, bool hidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arxivIds);
        if (arxivIds.Count == 0 || arxivIds.Count > MaxBulkPapers)
            return Outcome.Refused<BulkChange>($"Select between 1 and {MaxBulkPapers} papers.");
        var ids = arxivIds.Distinct(StringComparer.Ordinal).ToList();
        var papers = await db.Papers.IgnoreQueryFilters().Where(p => ids.Contains(p.ArxivId)).ToListAsync(cancellationToken);
        if (papers.Count != ids.Count)
            return Outcome.Refused<BulkChange>(NotAPaperAndAction.Problem!);
        var changed = papers.Where(p => (p.HiddenAt is null) == hidden).ToList();
        foreach (var paper in changed)
        {
            paper.HiddenAt = hidden ? clock.GetUtcNow() : null;
            audit.Add(actor, hidden ? "paper.hide" : "paper.unhide", $"paper {paper.ArxivId}", hidden ? "shown" : "hidden", hidden ? "hidden" : "shown");
        }
        await db.SaveChangesAsync(cancellationToken);
        await pageCache.EvictPapersAsync(changed.Select(p => p.ArxivId).ToList(), cancellationToken);
        return Outcome.Of(new BulkChange(changed.Count, papers.Count - changed.Count));
    }

    /// <summary>The most papers one bulk action (hiding, tagging) takes, so one request stays short.</summary>
    public const int MaxBulkPapers = 500;

    /// <summary>Pins the paper to the top of the latest curated day it is listed on (and its week and month), or unpins it.</summary>
    public async Task<Outcome> SetPinnedAsync(string actor, string arxivId, bool pinned, CancellationToken cancellationToken)
    {
        var latestDay = await db.Listings.Curated().Where(l => l.ArxivId == arxivId).MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
        if (pinned && latestDay is null)
            return Outcome.Refused($"{arxivId} is on no curated day (Hugging Face's), and only those days' pages show pins; there is no day to pin it to.");
        return await ChangeAsync(actor, arxivId, pinned ? "paper.pin" : "paper.unpin", paper =>
        {
            var before = paper.PinnedDay;
            paper.PinnedDay = pinned ? latestDay : null;
            return (Day(before), Day(paper.PinnedDay));
        }, cancellationToken);

        static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The refusal of a paper or an action the curators' page does not offer (a stale page, or a forged post).</summary>
    public static readonly Outcome NotAPaperAndAction = Outcome.Refused("That is not a paper and action this page offers; reload the page and try again.");

    private async Task<Outcome> ChangeAsync(string actor, string arxivId, string action, Func<Paper, (string? Before, string? After)> change,
        CancellationToken cancellationToken)
    {
        var paper = await db.Papers.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);
        if (paper is null)
            return NotAPaperAndAction;
        var (before, after) = change(paper);
        audit.Add(actor, action, $"paper {arxivId}", before, after);
        await db.SaveChangesAsync(cancellationToken);
        await pageCache.EvictPapersAsync([arxivId], cancellationToken);
        return Outcome.Done;
    }
}

/// <summary>
/// What the curators' list asks for: text (an id, an address or words), hidden papers only, papers without a tag only,
/// papers on curated days only, an order, a page.
/// </summary>
public sealed record PaperQuery(string? Text, bool HiddenOnly, PaperSort Sort, int Page, bool UntaggedOnly = false, bool CuratedOnly = false);

public enum PaperSort
{
    /// <summary>The latest day a source listed the paper, newest first.</summary>
    Listed,
    Upvotes,
    Title,
}

/// <summary>A page of the curators' list and how many papers match in all.</summary>
public sealed record CuratedPapers(List<CuratedPaper> Papers, int Total)
{
    public int PageCount => Math.Max(1, (Total + PaperCuration.PageSize - 1) / PaperCuration.PageSize);
}

/// <summary>What a bulk action did: how many papers it changed, and how many were as asked already.</summary>
public sealed record BulkChange(int Changed, int Unchanged);

/// <summary>A paper as the admin's list shows it; <see cref="LatestCuratedDay"/> is the day a pin would put it first on.</summary>
public sealed record CuratedPaper(string ArxivId, string Title, int Upvotes, DateTimeOffset FirstSeenAt, DateTimeOffset? HiddenAt, DateOnly? PinnedDay,
    DateOnly? LatestListingDay, DateOnly? LatestCuratedDay, List<string> Tags);
