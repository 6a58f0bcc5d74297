namespace PaperDigest.Core.Ingestion;

/// <summary>Joins the pages of one paged answer into one result, days kept together and in order.</summary>
internal static class ParseResults
{
    public static ParseResult Merge(IReadOnlyList<ParseResult> pages)
    {
        var listings = pages.SelectMany(p => p.Listings)
            .GroupBy(l => (l.Source, l.Day))
            .Select(day => new ScrapedListing(day.Key.Source, day.Key.Day, day.SelectMany(l => l.Papers).DistinctBy(p => p.ArxivId).ToList())
            {
                CrossListed = day.SelectMany(l => l.CrossListed).ToHashSet(),
            })
            .OrderBy(l => l.Day)
            .ToList();
        return new ParseResult(listings, pages.SelectMany(p => p.Rejections).ToList())
        {
            Unlisted = pages.SelectMany(p => p.Unlisted).ToList(),
            Validators = pages.SelectMany(p => p.Validators).ToList(),
        };
    }
}
