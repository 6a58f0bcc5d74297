using PaperDigest.Core.Papers;
using PaperDigest.Core.Tags;
using PaperDigest.Web.Components.Papers;

namespace PaperDigest.Web.Api;

/// <summary>Atom feeds: the latest day's papers, the trending ones, and any search (newest first).</summary>
internal static class FeedEndpoints
{
    private const string AtomContentType = "application/atom+xml; charset=utf-8";

    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds");
        feeds.MapGet("/daily.atom", async (HttpRequest request, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var latest = await listings.LatestDayAsync(cancellationToken);
            var day = latest is { } found ? await listings.GetPeriodAsync(ListingPeriod.Of(PeriodKind.Day, found), cancellationToken) : null;
            var ids = day?.Papers.Select(p => p.ArxivId).ToList() ?? [];
            var title = day is null ? "PaperDigest daily papers" : $"PaperDigest daily papers, {PaperLinks.LongDate(day.Period.First)}";
            return await FeedAsync(request, listings, clock, title, day is null ? "" : PaperLinks.PeriodPage(day.Period), ids, cancellationToken);
        });

        feeds.MapGet("/trending.atom", async (HttpRequest request, TrendingPapers trending, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var ids = (await trending.RankAsync(50, cancellationToken)).Select(t => t.Paper.ArxivId).ToList();
            return await FeedAsync(request, listings, clock, "PaperDigest trending papers", "papers/trending", ids, cancellationToken);
        });

        feeds.MapGet("/tags/{slug}.atom", async (HttpRequest request, string slug, TagListings tags, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await tags.GetAsync(slug, cancellationToken) is not { } tagged)
                return Results.Problem(detail: "No tag has that name; the tags are listed at /tags.", statusCode: StatusCodes.Status404NotFound);
            var ids = tagged.Papers.Take(50).Select(p => p.ArxivId).ToList();
            return await FeedAsync(request, listings, clock, $"PaperDigest: {tagged.Tag.Name}", $"tags/{tagged.Tag.Slug}", ids, cancellationToken);
        });

        feeds.MapGet("/search.atom", async (HttpRequest request, string? q, PaperSearch search, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var results = await search.SearchAsync(new SearchRequest(q, SearchSort.Newest), cancellationToken);
            var ids = results.Hits.Select(h => h.Paper.ArxivId).ToList();
            var title = string.IsNullOrEmpty(results.Request.Query) ? "PaperDigest search" : $"PaperDigest search: {results.Request.Query}";
            return await FeedAsync(request, listings, clock, title, "search?q=" + Uri.EscapeDataString(results.Request.Query ?? ""), ids, cancellationToken);
        });
        return feeds;
    }

    private static async Task<IResult> FeedAsync(HttpRequest request, PaperListings listings, TimeProvider clock, string title, string alternatePath, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var site = SiteAddress.Of(request);
        var papers = await listings.GetPapersAsync(ids, cancellationToken);
        var entries = papers.Select(p => new FeedPaper(
            p.ArxivId, new Uri(site, PaperLinks.PaperPage(p.ArxivId)), p.ArxivUrl, p.Title, p.Abstract, p.AiSummary, p.Authors, p.LastChangedAt, p.PublishedAt)).ToList();
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow();
        var self = new Uri(site, request.Path.Value!.TrimStart('/') + request.QueryString);
        return Results.Text(AtomFeedWriter.Write(self, new Uri(site, alternatePath), title, updated, entries), AtomContentType);
    }
}
