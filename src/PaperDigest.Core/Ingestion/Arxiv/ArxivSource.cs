using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.Arxiv;

/// <summary>
/// arXiv: each configured category's <c>/pastweek</c> listing (one page covers the last five announcement days,
/// so older days come from imports), then the Atom API for the abstracts that listing pages do not carry.
/// </summary>
public sealed class ArxivSource(
    SourceFetcher fetcher,
    FetchValidators validators,
    FormatDriftGuard guard,
    PaperDigestDbContext db,
    IOptions<IngestionOptions> options,
    TimeProvider clock) : IListingSource
{
    // The API answers at most this many ids per query without paging.
    private const int IdsPerQuery = 100;
    private const int MaxAbstractsPerRun = 1000;

    private ArxivSourceOptions Settings => options.Value.Arxiv;

    public string Name => ListingSources.Arxiv;

    public async IAsyncEnumerable<SourcePage> PagesAsync(DateOnly firstDay, DateOnly lastDay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var category in Settings.FollowedCategories)
        {
            var url = new Uri(Settings.BaseUrl, $"/list/{Uri.EscapeDataString(category)}/pastweek?show=2000");
            yield return new SourcePage(url.AbsoluteUri, token => FetchListingAsync(url, category, token));
        }

        // Enumerated lazily, so this query sees the papers the listing pages above have just stored.
        var missing = await db.Papers.AsNoTracking()
            .Where(p => p.Abstract == "" && p.Listings.Any(l => EF.Functions.Like(l.Source, ListingSources.Arxiv + "%") && l.Day >= firstDay.AddDays(-7) && l.Day <= lastDay))
            .OrderBy(p => p.ArxivId)
            .Select(p => p.ArxivId)
            .Take(MaxAbstractsPerRun)
            .ToListAsync(cancellationToken);
        foreach (var batch in missing.Chunk(IdsPerQuery))
        {
            var url = new Uri(Settings.ApiBaseUrl, $"/api/query?id_list={string.Join(',', batch)}&max_results={IdsPerQuery}");
            yield return new SourcePage(url.AbsoluteUri, token => FetchAbstractsAsync(url, token));
        }
    }

    private async Task<ParseResult> FetchListingAsync(Uri url, string category, CancellationToken cancellationToken)
    {
        var page = await fetcher.GetAsync(url, await validators.FindAsync(url, cancellationToken), cancellationToken);
        if (page.NotModified)
            return ParseResult.Empty with { NotModified = true };
        var parsed = guard.Parse(page, Name, (body, parseTime) => ArxivListingParser.Parse(body, null, ListingSources.ArxivCategory(category), parseTime), cancellationToken);
        return page.Validator(clock.GetUtcNow()) is { } validator ? parsed with { Validators = [validator] } : parsed;
    }

    private async Task<ParseResult> FetchAbstractsAsync(Uri url, CancellationToken cancellationToken)
    {
        var page = await fetcher.GetAsync(url, null, cancellationToken);
        return guard.Parse(page, Name, (body, _) => ArxivAtomParser.Parse(body).Result, cancellationToken);
    }
}
