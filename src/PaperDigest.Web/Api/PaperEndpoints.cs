using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Arxiv;
using PaperDigest.Core.Site;
using PaperDigest.Web.Caching;
using PaperDigest.Web.Components.Papers;

namespace PaperDigest.Web.Api;

/// <summary>
/// The read-only JSON API, described at /openapi/v1.json: papers of a day, week or month, or of a search, a page at a
/// time; and one paper by any form of its arXiv id.
/// </summary>
internal static class PaperEndpoints
{
    public static RouteGroupBuilder MapPaperApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/papers").WithTags("Papers");

        api.MapGet("/", ListAsync)
            .WithName("ListPapers")
            .WithSummary("Papers a curating source (Hugging Face) listed on a day, an ISO week or a month (most upvoted first), or of a search (source=curated or arxiv narrows it); " +
                "the latest curated day by default. A tag narrows any of them. With category (an arXiv category such as cs.LG), the papers arXiv announced in it on a day, in its order.")
            .Produces<PaperPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/{**id}", GetAsync)
            .WithName("GetPaper")
            .WithSummary("One paper, by its arXiv id in any form (a version, an arXiv: prefix, a URL).")
            .Produces<PaperDto>()
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(
        HttpRequest request, SiteAddress site, PaperListings listings, PaperSearch search, ArxivListings arxiv,
        string? date, string? week, string? month, string? q, string? tag, string? source, string? category, int? page, CancellationToken cancellationToken)
    {
        var pageNumber = Math.Max(page ?? 1, 1);
        tag = string.IsNullOrWhiteSpace(tag) ? null : tag;
        category = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (SearchSources.Parse(source) is not { } listedBy)
            return Problem(StatusCodes.Status400BadRequest, "source is curated (Hugging Face's picks) or arxiv; leave it out for every paper.");
        if (!string.IsNullOrWhiteSpace(q))
        {
            if (category is not null)
                return Problem(StatusCodes.Status400BadRequest, "category names an arXiv announcement day, not a search; to search arXiv's papers, give source=arxiv.");
            var results = await search.SearchAsync(new SearchRequest(q, Page: pageNumber, Tag: tag, Source: listedBy), cancellationToken);
            var ids = results.Hits.Select(h => h.Paper.ArxivId).ToList();
            return Results.Ok(new PaperPage(null, results.Request.Query, results.Request.Page, PaperSearch.PageSize, results.TotalCount,
                (await listings.GetPapersAsync(ids, cancellationToken)).Select(p => PaperDto.From(p, site.For(request))).ToList()));
        }

        if (category is not null)
            return await CategoryDayAsync(request, site, listings, arxiv, category, date, week ?? month ?? tag, pageNumber, cancellationToken);
        if (listedBy == SearchSource.Arxiv)
            return Problem(StatusCodes.Status400BadRequest, "arXiv lists its papers by category: give category (such as cs.LG), with a date or without one for its latest day.");

        ListingPeriod? requested = null;
        switch (new[] { date, week, month }.Count(value => value is not null))
        {
            case > 1:
                return Problem(StatusCodes.Status400BadRequest, "Give at most one of date (YYYY-MM-DD), week (YYYY-Www) and month (YYYY-MM).");
            case 1:
                var (kind, key) = date is not null ? (PeriodKind.Day, date) : week is not null ? (PeriodKind.Week, week) : (PeriodKind.Month, month!);
                if (!ListingPeriod.TryParse(kind, key, out var parsed))
                    return Problem(StatusCodes.Status400BadRequest, "The period is not a real day (YYYY-MM-DD), ISO week (YYYY-Www) or month (YYYY-MM).");
                requested = parsed;
                break;
        }

        // An answer for a period is evicted by changes on its days; the latest day's stays among the lists.
        if (requested is not null)
            request.HttpContext.CacheAsDaysOf(requested);
        var period = await listings.RequestedOrLatestDayAsync(requested, cancellationToken);
        var listed = period is null ? null : await listings.GetPeriodPapersAsync(period, cancellationToken, tag, pageNumber);
        return Results.Ok(new PaperPage(period?.Key, null, listed?.Page ?? pageNumber, PaperListings.PageSize, listed?.TotalCount ?? 0,
            (listed?.Papers ?? []).Select(p => PaperDto.From(p, site.For(request))).ToList()));
    }

    // A category's announcement day, in arXiv's order: only a day (or its latest) names one, so a week, month or tag is refused.
    private static async Task<IResult> CategoryDayAsync(HttpRequest request, SiteAddress site, PaperListings listings, ArxivListings arxiv,
        string category, string? date, string? notForCategories, int page, CancellationToken cancellationToken)
    {
        if (notForCategories is not null)
            return Problem(StatusCodes.Status400BadRequest, "A category is listed by announcement day: give date (YYYY-MM-DD), or nothing for its latest day, and no week, month or tag.");
        DateOnly? day = null;
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                return Problem(StatusCodes.Status400BadRequest, "The date is not a real day (YYYY-MM-DD).");
            day = parsed;
            request.HttpContext.CacheAs([PageTags.Day(parsed)]);
        }
        var listed = await arxiv.DayAsync(category, day, page, cancellationToken);
        var papers = listed is null ? [] : await listings.GetPapersAsync(listed.Papers.Select(p => p.Paper.ArxivId).ToList(), cancellationToken);
        return Results.Ok(new PaperPage(listed is null ? date : ListingPeriod.Of(PeriodKind.Day, listed.Day).Key, null, listed?.Page ?? page, PaperListings.PageSize,
            listed?.Total ?? 0, papers.Select(p => PaperDto.From(p, site.For(request))).ToList()));
    }

    private static async Task<IResult> GetAsync(HttpRequest request, SiteAddress site, PaperListings listings, string id, CancellationToken cancellationToken)
    {
        // Any spelling of an id answers with its paper; an id merged into another record redirects to the kept one.
        if (ArxivId.TryNormalize(id, out var asked))
            request.HttpContext.CacheAs([PageTags.Paper(asked)]);
        return await listings.LookUpAsync(id, cancellationToken) switch
        {
            { Paper: { } paper } => Results.Ok(PaperDto.From(paper, site.For(request))),
            { MergedInto: { } kept } => Results.Redirect(SiteLinks.Rooted(SiteLinks.ApiPaper(kept)), permanent: true),
            _ => NoSuchPaper(),
        };
    }

    private static IResult NoSuchPaper() =>
        Problem(StatusCodes.Status404NotFound, "No paper has that arXiv id; check the id, or search with /api/papers?q=.");

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}

/// <summary>A page of papers: the period or query it answers, and where the page sits in the whole.</summary>
public sealed record PaperPage(string? Period, string? Query, int Page, int PageSize, int Total, IReadOnlyList<PaperDto> Papers);

/// <summary>A paper as the API shows it.</summary>
public sealed record PaperDto(
    string Id, string Title, IReadOnlyList<string> Authors, string Abstract, DateTimeOffset? PublishedAt,
    int Upvotes, int Comments, int? GithubStars, string? Organization, string? AiSummary, IReadOnlyList<string> AiKeywords,
    IReadOnlyList<string> Categories, Uri Page, Uri Arxiv, Uri Pdf, string? Github, string? ProjectPage)
{
    internal static PaperDto From(Paper paper, Uri site) => new(
        paper.ArxivId, paper.Title, paper.Authors, paper.Abstract, paper.PublishedAt, paper.Upvotes, paper.Comments, paper.GithubStars,
        paper.OrganizationName, paper.AiSummary, paper.AiKeywords, paper.Categories,
        new Uri(site, SiteLinks.PaperPage(paper.ArxivId)), paper.ArxivUrl, paper.PdfUrl, WebAddress.HttpOrNull(paper.GithubUrl), WebAddress.HttpOrNull(paper.ProjectUrl));
}
