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

    /// <summary>Newest first; <paramref name="query"/> is an arXiv id or address, or words, matched as public search matches them.</summary>
    public async Task<List<CuratedPaper>> FindAsync(string? query, bool hiddenOnly, int page, CancellationToken cancellationToken)
    {
        var papers = db.Papers.IgnoreQueryFilters().AsNoTracking();
        if (hiddenOnly)
            papers = papers.Where(p => p.HiddenAt != null);
        if (!string.IsNullOrWhiteSpace(query))
        {
            var text = query.Trim();
            papers = ArxivId.TryNormalize(text, out var id)
                ? papers.Where(p => p.ArxivId == id)
                : PaperSearch.MatchingWords(papers, text);
        }
        return await papers
            .OrderByDescending(p => p.FirstSeenAt).ThenBy(p => p.ArxivId)
            .Page(page, PageSize)
            .Select(p => new CuratedPaper(p.ArxivId, p.Title, p.Upvotes, p.FirstSeenAt, p.HiddenAt, p.PinnedDay, p.Listings.Max(l => (DateOnly?)l.Day),
                p.Tags.Where(t => t.Origin != Tags.TagOrigin.Removed).OrderBy(t => t.Tag.Name).Select(t => t.Tag.Name).ToList()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Hides or shows the paper.</summary>
    public Task<Outcome> SetHiddenAsync(string actor, string arxivId, bool hidden, CancellationToken cancellationToken) =>
        ChangeAsync(actor, arxivId, hidden ? "paper.hide" : "paper.unhide", paper =>
        {
            var before = paper.HiddenAt is null ? "shown" : "hidden";
            paper.HiddenAt = hidden ? paper.HiddenAt ?? clock.GetUtcNow() : null;
            return (before, hidden ? "hidden" : "shown");
        }, cancellationToken);

    /// <summary>Pins the paper to the top of the latest day it is listed on, or unpins it.</summary>
    public async Task<Outcome> SetPinnedAsync(string actor, string arxivId, bool pinned, CancellationToken cancellationToken)
    {
        var latestDay = await db.Listings.Where(l => l.ArxivId == arxivId).MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
        if (pinned && latestDay is null)
            return Outcome.Refused($"{arxivId} is not listed on any day, so there is no day to pin it to.");
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
        await pageCache.EvictAsync(cancellationToken);
        return Outcome.Done;
    }
}

/// <summary>A paper as the admin's list shows it.</summary>
public sealed record CuratedPaper(string ArxivId, string Title, int Upvotes, DateTimeOffset FirstSeenAt, DateTimeOffset? HiddenAt, DateOnly? PinnedDay,
    DateOnly? LatestListingDay, List<string> Tags);
