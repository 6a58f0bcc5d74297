using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The papers a curating source listed in the seven days up to its latest listing, ranked by <see cref="TrendingScore"/>:
/// only they carry a community signal (upvotes, comments), so an arXiv-only paper enters trending once Hugging Face
/// lists it. The window ends at the latest listing rather than today, so a copy that stopped ingesting still shows its
/// last week.
/// </summary>
public sealed class TrendingPapers(PaperDigestDbContext db, TimeProvider clock)
{
    public const int WindowDays = 7;

    public async Task<IReadOnlyList<TrendingPaper>> RankAsync(int count, CancellationToken cancellationToken)
    {
        if (await db.Listings.LatestCuratedDayAsync(cancellationToken) is not { } latestDay)
            return [];
        var ranked = (await ScoreListedAsync(latestDay.AddDays(-(WindowDays - 1)), latestDay, cancellationToken))
            .Take(count)
            .Select(p => (p.ArxivId, p.Score))
            .ToList();
        return (await PaperSummary.LoadInOrderAsync(db.Papers, ranked, cancellationToken))
            .Select(paper => new TrendingPaper(paper.Card, paper.Extra))
            .ToList();
    }

    /// <summary>
    /// Every paper listed between the two days, best score first, with what a digest filters on. Ages are measured at
    /// the end of <paramref name="lastDay"/> or now, whichever is earlier.
    /// </summary>
    public async Task<IReadOnlyList<ScoredPaper>> ScoreListedAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        var windowEnd = new DateTimeOffset(lastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var reference = clock.GetUtcNow() < windowEnd ? clock.GetUtcNow() : windowEnd;
        var dayBefore = reference.AddHours(-24);

        var candidates = await db.Papers.AsNoTracking()
            .Where(p => p.Listings.Any(l => ListingSources.Curating.Contains(l.Source) && l.Day >= firstDay && l.Day <= lastDay))
            .Select(p => new
            {
                p.ArxivId,
                p.Upvotes,
                p.Comments,
                p.GithubStars,
                // Ages count from when a curating source first listed it: an arXiv paper enters trending when picked.
                FirstListed = p.Listings.Where(l => ListingSources.Curating.Contains(l.Source)).Min(l => l.Day),
                LastListed = p.Listings.Where(l => ListingSources.Curating.Contains(l.Source) && l.Day <= lastDay).Max(l => l.Day),
                // The upvotes as last observed a day before the reference time: what the paper has gained since is its momentum.
                UpvotesADayAgo = p.MetricSnapshots.Where(s => s.ObservedAt <= dayBefore && s.Upvotes != null)
                    .OrderByDescending(s => s.ObservedAt).Select(s => s.Upvotes).FirstOrDefault(),
                Tags = p.Tags.Select(t => t.Tag.Slug).ToList(),
            })
            .ToListAsync(cancellationToken);

        // Scores are computed here from a few numbers per paper.
        return candidates
            .Select(c => new ScoredPaper(c.ArxivId, TrendingScore.For(
                    c.Upvotes, c.Comments, c.GithubStars,
                    c.UpvotesADayAgo is { } before ? c.Upvotes - before : 0,
                    (reference - new DateTimeOffset(c.FirstListed.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).TotalHours),
                c.Upvotes, c.LastListed, c.Tags) { FirstListed = c.FirstListed })
            .OrderByDescending(p => p.Score.Value)
            .ThenBy(p => p.ArxivId, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A listed paper's trending score, upvotes, latest listing day in the window, and tags.</summary>
public sealed record ScoredPaper(string ArxivId, TrendingScore Score, int Upvotes, DateOnly LastListed, IReadOnlyList<string> Tags)
{
    /// <summary>The day a curating source first listed it (null when not known).</summary>
    public DateOnly? FirstListed { get; init; }
}

/// <summary>A paper on the trending page, with the parts of its score.</summary>
public sealed record TrendingPaper(PaperSummary Paper, TrendingScore Score);
