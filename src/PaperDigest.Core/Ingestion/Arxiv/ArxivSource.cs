using Microsoft.Extensions.Options;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.Arxiv;

/// <summary>
/// arXiv: each configured category's <c>/pastweek</c> listing (one page covers the last five announcement days,
/// so older days come from imports), then the Atom API for the abstracts that listing pages do not carry.
/// </summary>
public sealed class ArxivSource(
    SourceFetcher fetcher,
    FormatDriftGuard guard,
    IOptions<IngestionOptions> options,
    TimeProvider clock) : IListingSource
{
    // The API answers at most this many ids per query without paging.
    private const int IdsPerQuery = 100;

    private ArxivSourceOptions Settings => options.Value.Arxiv;

    public string Name => ListingSources.Arxiv;

    public bool ListsWithoutAbstracts => true;

    public IEnumerable<SourcePage> ListingPages(DateOnly firstDay, DateOnly lastDay) =>
        Settings.FollowedCategories.Select(category =>
            new CategoryPage(category, new Uri(Settings.BaseUrl, $"/list/{Uri.EscapeDataString(category)}/pastweek?show=2000")));

    public IEnumerable<SourcePage> AbstractPages(IReadOnlyList<string> arxivIds) =>
        arxivIds.Chunk(IdsPerQuery).Select(batch =>
            new AbstractsPage(new Uri(Settings.ApiBaseUrl, $"/api/query?id_list={string.Join(',', batch)}&max_results={IdsPerQuery}")));

    public Task<ParseResult> FetchAsync(SourcePage page, IKnownValidators known, CancellationToken cancellationToken) => page switch
    {
        CategoryPage listing => FetchListingAsync(listing, known, cancellationToken),
        AbstractsPage abstracts => FetchAbstractsAsync(abstracts.Url, cancellationToken),
        _ => throw new ArgumentException($"{page.Origin} is not an arXiv page.", nameof(page)),
    };

    private async Task<ParseResult> FetchListingAsync(CategoryPage listing, IKnownValidators known, CancellationToken cancellationToken)
    {
        var page = await fetcher.GetAsync(listing.Url, await known.FindAsync(listing.Url, cancellationToken), cancellationToken);
        if (page.NotModified)
            return ParseResult.Empty with { NotModified = true };
        var parsed = guard.Parse(page, Name, (body, parseTime) => ArxivListingParser.Parse(body, null, ListingSources.ArxivCategory(listing.Category), parseTime), cancellationToken);
        return page.Validator(clock.GetUtcNow()) is { } validator ? parsed with { Validators = [validator] } : parsed;
    }

    // Look-ups by id are asked unconditionally: each batch is a different set of ids.
    private async Task<ParseResult> FetchAbstractsAsync(Uri url, CancellationToken cancellationToken)
    {
        var page = await fetcher.GetAsync(url, null, cancellationToken);
        return guard.Parse(page, Name, (body, _) => ArxivAtomParser.Parse(body).Result, cancellationToken);
    }

    /// <summary>A followed category's pastweek listing: the last five announcement days.</summary>
    private sealed record CategoryPage(string Category, Uri Url) : SourcePage(Url.AbsoluteUri);

    /// <summary>The Atom API's answer for a batch of ids, for their abstracts.</summary>
    private sealed record AbstractsPage(Uri Url) : SourcePage(Url.AbsoluteUri);
}
