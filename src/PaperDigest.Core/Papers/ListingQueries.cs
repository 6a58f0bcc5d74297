using Microsoft.EntityFrameworkCore;

namespace PaperDigest.Core.Papers;

/// <summary>Questions about the listings as a whole, asked by pages, feeds, trending and the digests alike.</summary>
public static class ListingQueries
{
    /// <summary>The most recent day any source listed papers on; null before the first ingest.</summary>
    public static Task<DateOnly?> LatestDayAsync(this IQueryable<Listing> listings, CancellationToken cancellationToken) =>
        listings.MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
}
