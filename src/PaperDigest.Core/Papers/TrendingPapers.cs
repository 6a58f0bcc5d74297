using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The papers listed in the seven days up to the latest listing, ranked by <see cref="TrendingScore"/>. The window
/// ends at the latest listing rather than today, so a copy that stopped ingesting still shows its last week.
/// </summary>
public sealed class TrendingPapers(PaperDigestDbContext db, TimeProvider clock)
{
    public const int WindowDays = 7;

    public async Task<IReadOnlyList<TrendingPaper>> RankAsync(int count, CancellationToken cancellationToken)
    {
        if (await db.Listings.MaxAsync(l => (DateOnly?)l.Day, cancellationToken) is not { } latestDay)
            return [];
        var firstDay = latestDay.AddDays(-(WindowDays - 1));
        var windowEnd = new DateTimeOffset(latestDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var reference = clock.GetUtcNow() < windowEnd ? clock.GetUtcNow() : windowEnd;
        var dayBefore = reference.AddHours(-24);

        var candidates = await db.Papers.AsNoTracking()
            .Where(p => p.Listings.Any(l => l.Day >= firstDay && l.Day <= latestDay))
            .Select(p => new
            {
                p.ArxivId,
                p.Upvotes,
                p.Comments,
                p.GithubStars,
                FirstListed = p.Listings.Min(l => l.Day),
                // The upvotes as last observed a day before the reference time: what the paper has gained since is its momentum.
                UpvotesADayAgo = p.MetricSnapshots.Where(s => s.ObservedAt <= dayBefore && s.Upvotes != null)
                    .OrderByDescending(s => s.ObservedAt).Select(s => s.Upvotes).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        // Scores are computed here from a few numbers per paper; only the winners' cards are loaded.
        var ranked = candidates
            .Select(c => (c.ArxivId, Score: TrendingScore.For(
                c.Upvotes, c.Comments, c.GithubStars,
                c.UpvotesADayAgo is { } before ? c.Upvotes - before : 0,
                (reference - new DateTimeOffset(c.FirstListed.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).TotalHours)))
            .OrderByDescending(t => t.Score.Value)
            .ThenBy(t => t.ArxivId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
        return (await PaperSummary.LoadInOrderAsync(db.Papers, ranked, cancellationToken))
            .Select(paper => new TrendingPaper(paper.Card, paper.Extra))
            .ToList();
    }
}

/// <summary>A paper on the trending page, with the parts of its score.</summary>
public sealed record TrendingPaper(PaperSummary Paper, TrendingScore Score);
