using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>Reads the papers listed on a day, and the neighbouring days that have listings.</summary>
public sealed class DailyListings(PaperDigestDbContext db)
{
    public Task<DateOnly?> LatestDayAsync(CancellationToken cancellationToken) =>
        db.Listings.MaxAsync(l => (DateOnly?)l.Day, cancellationToken);

    /// <summary>Every paper listed on the day by any source, most upvoted first; null when the day has no listings.</summary>
    public async Task<DayOfPapers?> GetDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.Listings.Any(l => l.Day == day))
            .OrderByDescending(p => p.Upvotes)
            .ThenByDescending(p => p.Comments)
            .ThenBy(p => p.ArxivId)
            .Select(p => new PaperSummary(p.ArxivId, p.Title, p.Authors, p.Upvotes, p.Comments, p.OrganizationName, p.GithubUrl))
            .ToListAsync(cancellationToken);
        if (papers.Count == 0)
            return null;

        var previous = await db.Listings.Where(l => l.Day < day).MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
        var next = await db.Listings.Where(l => l.Day > day).MinAsync(l => (DateOnly?)l.Day, cancellationToken);
        return new DayOfPapers(day, papers, previous, next);
    }

    public Task<Paper?> FindPaperAsync(string arxivId, CancellationToken cancellationToken) =>
        db.Papers.AsNoTracking()
            .Include(p => p.Listings.OrderBy(l => l.Day))
            .FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);
}

/// <summary>One day's papers with the days that have listings just before and after it.</summary>
public sealed record DayOfPapers(DateOnly Day, IReadOnlyList<PaperSummary> Papers, DateOnly? Previous, DateOnly? Next);

/// <summary>What a listing card shows about a paper.</summary>
public sealed record PaperSummary(
    string ArxivId, string Title, IReadOnlyList<string> Authors, int Upvotes, int Comments,
    string? OrganizationName, string? GithubUrl)
{
    public Uri ArxivUrl => Papers.ArxivId.AbstractUrl(ArxivId);
    public Uri PdfUrl => Papers.ArxivId.PdfUrl(ArxivId);
}
