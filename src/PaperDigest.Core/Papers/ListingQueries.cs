using Microsoft.EntityFrameworkCore;

namespace PaperDigest.Core.Papers;

/// <summary>Questions about the listings as a whole, asked by pages, feeds, trending and the digests alike.</summary>
public static class ListingQueries
{
    /// <summary>The listings of curating sources (<see cref="ListingSources.Curating"/>): the days the public views show.</summary>
    public static IQueryable<Listing> Curated(this IQueryable<Listing> listings) =>
        listings.Where(l => ListingSources.Curating.Contains(l.Source));

    /// <summary>The most recent day a curating source listed papers on; null before its first ingest.</summary>
    public static Task<DateOnly?> LatestCuratedDayAsync(this IQueryable<Listing> listings, CancellationToken cancellationToken) =>
        listings.Curated().MaxAsync(l => (DateOnly?)l.Day, cancellationToken);
}
