using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Arxiv;
using PaperDigest.Core.Site;
using PaperDigest.Core.Tags;
using PaperDigest.Web.Caching;
using PaperDigest.Web.Components.Papers;

namespace PaperDigest.Web.Api;

/// <summary>Atom feeds: the latest day's papers, the trending ones, and any search (newest first).</summary>
internal static class FeedEndpoints
{
    private const string AtomContentType = "application/atom+xml; charset=utf-8";

    public static RouteGroupBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds");
        feeds.MapGet("/daily.atom", async (HttpRequest request, SiteAddress site, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var latest = await listings.RequestedOrLatestDayAsync(null, cancellationToken);
            var day = latest is null ? null : await listings.GetPeriodPapersAsync(latest, cancellationToken);
            var title = day is null ? "PaperDigest daily papers" : $"PaperDigest daily papers, {PeriodNames.LongDate(day.Period.First)}";
            return Feed(request, site, clock, title, day is null ? SiteLinks.Home : SiteLinks.PeriodPage(day.Period), day?.Papers ?? []);
        });

        feeds.MapGet("/trending.atom", async (HttpRequest request, SiteAddress site, TrendingPapers trending, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var ids = (await trending.RankAsync(50, cancellationToken)).Select(t => t.Paper.ArxivId).ToList();
            return Feed(request, site, clock, "PaperDigest trending papers", SiteLinks.Trending, await listings.GetPapersAsync(ids, cancellationToken));
        });

        feeds.MapGet("/tags/{slug}.atom", async (HttpRequest request, SiteAddress site, string slug, TagListings tags, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            request.HttpContext.CacheAs([PageTags.Tag(slug)]);
            if (await tags.GetAsync(slug, cancellationToken) is not { } tagged)
            {
                return await tags.MergedIntoAsync(slug, cancellationToken) is { } kept
                    ? Results.Redirect(SiteLinks.Rooted(SiteLinks.TagFeed(kept)), permanent: true)
                    : Results.Problem(detail: "No tag has that name; the tags are listed at /tags.", statusCode: StatusCodes.Status404NotFound);
            }
            var ids = tagged.Papers.Take(50).Select(p => p.ArxivId).ToList();
            return Feed(request, site, clock, $"PaperDigest: {tagged.Tag.Name}", SiteLinks.TagPage(tagged.Tag.Slug), await listings.GetPapersAsync(ids, cancellationToken));
        });

        feeds.MapGet("/arxiv/{category}.atom", async (HttpRequest request, SiteAddress site, string category, ArxivListings arxiv, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (await arxiv.DayAsync(category, day: null, page: 1, cancellationToken) is not { } latest)
                return Results.Problem(detail: "No papers are listed in that arXiv category; the categories are listed at /arxiv.", statusCode: StatusCodes.Status404NotFound);
            request.HttpContext.CacheAs([PageTags.Day(latest.Day), PageTags.Periods]);
            var papers = await listings.GetPapersAsync(latest.Papers.Select(p => p.Paper.ArxivId).ToList(), cancellationToken);
            return Feed(request, site, clock, $"PaperDigest: arXiv {ArxivCategories.Label(category)}, {PeriodNames.LongDate(latest.Day)}",
                SiteLinks.ArxivDay(category, latest.Day), papers);
        });

        feeds.MapGet("/search.atom", async (HttpRequest request, SiteAddress site, string? q, PaperSearch search, PaperListings listings, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var results = await search.SearchAsync(new SearchRequest(q, SearchSort.Newest), cancellationToken);
            var ids = results.Hits.Select(h => h.Paper.ArxivId).ToList();
            var title = string.IsNullOrEmpty(results.Request.Query) ? "PaperDigest search" : $"PaperDigest search: {results.Request.Query}";
            return Feed(request, site, clock, title, SiteLinks.SearchFor(results.Request.Query), await listings.GetPapersAsync(ids, cancellationToken));
        });
        return feeds;
    }

    private static IResult Feed(HttpRequest request, SiteAddress address, TimeProvider clock, string title, string alternate, IReadOnlyList<Paper> papers)
    {
        var site = address.For(request);
        var entries = papers.Select(p => new FeedPaper(
            p.ArxivId, new Uri(site, SiteLinks.PaperPage(p.ArxivId)), p.ArxivUrl, p.Title, p.Abstract, p.AiSummary, p.Authors, p.LastChangedAt, p.PublishedAt)).ToList();
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : clock.GetUtcNow();
        var self = new Uri(site, request.Path.Value!.TrimStart('/') + request.QueryString);
        return Results.Text(AtomFeedWriter.Write(self, new Uri(site, alternate), title, updated, entries), AtomContentType);
    }
}
