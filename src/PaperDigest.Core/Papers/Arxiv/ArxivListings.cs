using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Core.Papers.Arxiv;

/// <summary>
/// arXiv's own views: each category's announcement days as arXiv lists them (new submissions, then cross-lists, in
/// the listing's order), the neighbouring days, and the other categories' counts on the same day.
/// </summary>
public sealed class ArxivListings(PaperDigestDbContext db, IOptions<IngestionOptions> options)
{
    /// <summary>Every followed category, and any other that has listings, each with its latest day and that day's count.</summary>
    public async Task<IReadOnlyList<CategoryDay>> CategoriesAsync(CancellationToken cancellationToken)
    {
        var latest = await Shown(db.Listings.Where(l => EF.Functions.Like(l.Source, ListingSources.ArxivCategoryPattern)))
            .GroupBy(l => new { l.Source, l.Day })
            .Select(g => new { g.Key.Source, g.Key.Day, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byCategory = latest.GroupBy(row => ListingSources.CategoryOf(row.Source)!)
            .ToDictionary(g => g.Key, g => g.MaxBy(row => row.Day)!, StringComparer.Ordinal);
        return options.Value.Arxiv.FollowedCategories.Union(byCategory.Keys.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            .Select(category => byCategory.TryGetValue(category, out var row) ? new CategoryDay(category, row.Day, row.Count) : new CategoryDay(category, null, 0))
            .ToList();
    }

    /// <summary>
    /// A page of the category's listing on <paramref name="day"/> (its latest day when null), in arXiv's order, with the
    /// days before and after and every category's count that day; null when the category has no listing that day.
    /// </summary>
    public async Task<CategoryListing?> DayAsync(string category, DateOnly? day, int page, CancellationToken cancellationToken)
    {
        var source = ListingSources.ArxivCategory(category);
        var listings = Shown(db.Listings.Where(l => l.Source == source));
        if ((day ?? await listings.MaxAsync(l => (DateOnly?)l.Day, cancellationToken)) is not { } shownDay)
            return null;
        page = Math.Clamp(page, 1, PaperListings.MaxPages);
        var ranked = await listings.Where(l => l.Day == shownDay)
            .OrderBy(l => l.Kind == ListingKind.New ? 0 : 1).ThenBy(l => l.Rank).ThenBy(l => l.ArxivId)
            .Skip((page - 1) * PaperListings.PageSize).Take(PaperListings.PageSize)
            .Select(l => new { l.ArxivId, l.Kind })
            .ToListAsync(cancellationToken);
        if (ranked.Count == 0)
            return null;
        var papers = await PaperSummary.LoadInOrderAsync(db.Papers, ranked.Select(r => (r.ArxivId, r.Kind)).ToList(), cancellationToken);
        // Every category's count that day, this one's among them: the day's total.
        var categories = (await Shown(db.Listings.Where(l => l.Day == shownDay && EF.Functions.Like(l.Source, ListingSources.ArxivCategoryPattern)))
                .GroupBy(l => l.Source)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .Select(c => new CategoryDay(ListingSources.CategoryOf(c.Key)!, shownDay, c.Count)).OrderBy(c => c.Category, StringComparer.Ordinal).ToList();
        var previous = await listings.Where(l => l.Day < shownDay).MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
        var next = await listings.Where(l => l.Day > shownDay).MinAsync(l => (DateOnly?)l.Day, cancellationToken);
        // The neighbouring days' counts in one query.
        var neighbours = await listings.Where(l => l.Day == previous || l.Day == next)
            .GroupBy(l => l.Day).Select(g => new { Day = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Day, g => g.Count, cancellationToken);
        return new CategoryListing(category, shownDay, page, categories.Single(c => c.Category == category).Count,
            papers.Select(p => new ListedPaper(p.Card, p.Extra)).ToList(),
            previous is { } before ? new CategoryDay(category, before, neighbours[before]) : null,
            next is { } after ? new CategoryDay(category, after, neighbours[after]) : null,
            categories);
    }

    // Listings of papers readers may see: a hidden paper leaves every view.
    private IQueryable<Listing> Shown(IQueryable<Listing> listings) => listings.Where(l => db.Papers.Any(p => p.ArxivId == l.ArxivId));
}

/// <summary>A category on a day (null before its first listing) and how many papers it listed then.</summary>
public sealed record CategoryDay(string Category, DateOnly? Day, int Count)
{
    public string Name => ArxivCategories.Name(Category);
}

/// <summary>A paper on a category's day, new there or cross-listed from another category.</summary>
public sealed record ListedPaper(PaperSummary Paper, ListingKind Kind);

/// <summary>A page of a category's announcement day (page <see cref="Page"/> of <see cref="Total"/> papers) and where to go next.</summary>
public sealed record CategoryListing(string Category, DateOnly Day, int Page, int Total, IReadOnlyList<ListedPaper> Papers,
    CategoryDay? Previous, CategoryDay? Next, IReadOnlyList<CategoryDay> Categories)
{
    public int PageCount => Math.Min((Total + PaperListings.PageSize - 1) / PaperListings.PageSize, PaperListings.MaxPages);
}
