using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.HuggingFace;

/// <summary>
/// Hugging Face Daily Papers, one page per day, by the JSON API (paged) or the HTML page; whichever is configured
/// first is tried first and the other is the fallback.
/// </summary>
public sealed class HuggingFaceSource(
    SourceFetcher fetcher,
    FormatDriftGuard guard,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<HuggingFaceSource> logger) : IListingSource
{
    // The API serves at most 100 a page and a day has rarely more than 50; this bounds a runaway loop.
    private const int MaxPages = 10;

    private HuggingFaceSourceOptions Settings => options.Value.HuggingFace;

    public string Name => ListingSources.HuggingFace;

    public IEnumerable<SourcePage> ListingPages(DateOnly firstDay, DateOnly lastDay)
    {
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
            yield return new DayPage(day, PageUrl(day).AbsoluteUri);
    }

    public Task<ParseResult> FetchAsync(SourcePage page, IKnownValidators known, CancellationToken cancellationToken) => page switch
    {
        DayPage day => FetchDayAsync(day.Day, known, cancellationToken),
        _ => throw new ArgumentException($"{page.Origin} is not a Hugging Face page.", nameof(page)),
    };

    private async Task<ParseResult> FetchDayAsync(DateOnly day, IKnownValidators known, CancellationToken cancellationToken)
    {
        var (first, fallback) = Settings.PreferredRoute == HuggingFaceRoute.Api
            ? (HuggingFaceRoute.Api, HuggingFaceRoute.Page)
            : (HuggingFaceRoute.Page, HuggingFaceRoute.Api);
        try
        {
            return await FetchRouteAsync(first, day, known, cancellationToken);
        }
        catch (Exception firstFailure) when (firstFailure is FetchException or FormatException)
        {
            logger.LogWarning("Hugging Face's {Route} route failed for {Day} ({Reason}); trying the {Fallback} route", first, day, firstFailure.Message, fallback);
            try
            {
                return await FetchRouteAsync(fallback, day, known, cancellationToken);
            }
            catch (Exception fallbackFailure) when (fallbackFailure is FetchException or FormatException)
            {
                throw new FetchException($"Both Hugging Face routes failed for {day:yyyy-MM-dd}. {first}: {firstFailure.Message} {fallback}: {fallbackFailure.Message}", null, fallbackFailure);
            }
        }
    }

    private Task<ParseResult> FetchRouteAsync(HuggingFaceRoute route, DateOnly day, IKnownValidators known, CancellationToken cancellationToken) =>
        route == HuggingFaceRoute.Api ? FetchApiAsync(day, known, cancellationToken) : FetchPageAsync(day, known, cancellationToken);

    private async Task<ParseResult> FetchApiAsync(DateOnly day, IKnownValidators known, CancellationToken cancellationToken)
    {
        var pages = new List<ParseResult>();
        for (var pageNumber = 0; pageNumber < MaxPages; pageNumber++)
        {
            var url = new Uri(Settings.BaseUrl, $"/api/daily_papers?date={Day(day)}&p={pageNumber}&limit={Settings.PageSize}");
            // Only the first page is asked conditionally: when it is unchanged, the day is taken as unchanged.
            var asked = pageNumber == 0 ? await known.FindAsync(url, cancellationToken) : null;
            var page = await fetcher.GetAsync(url, asked, cancellationToken);
            if (page.NotModified)
                return ParseResult.Empty with { NotModified = true };

            var parsed = guard.Parse(page, Name, (body, _) => HuggingFaceApiParser.Parse(body, day), cancellationToken);
            pages.Add(pageNumber == 0 && page.Validator(clock.GetUtcNow()) is { } validator ? parsed with { Validators = [validator] } : parsed);
            if (parsed.PaperCount < Settings.PageSize)
                break;
        }
        return ParseResults.Merge(pages);
    }

    private async Task<ParseResult> FetchPageAsync(DateOnly day, IKnownValidators known, CancellationToken cancellationToken)
    {
        var url = PageUrl(day);
        var page = await fetcher.GetAsync(url, await known.FindAsync(url, cancellationToken), cancellationToken);
        if (page.NotModified)
            return ParseResult.Empty with { NotModified = true };
        // An unknown date is redirected to /papers (today's list); storing that under this day would be wrong.
        if (page.WasRedirected && !page.FinalUrl.AbsolutePath.TrimEnd('/').EndsWith(Day(day), StringComparison.Ordinal))
        {
            logger.LogInformation("Hugging Face has no page for {Day}: it redirected to {FinalUrl}", day, page.FinalUrl);
            return ParseResult.Empty;
        }
        var parsed = guard.Parse(page, Name, (body, parseTime) => HuggingFacePageParser.Parse(body, day, parseTime), cancellationToken);
        return page.Validator(clock.GetUtcNow()) is { } validator ? parsed with { Validators = [validator] } : parsed;
    }

    private Uri PageUrl(DateOnly day) => new(Settings.BaseUrl, $"/papers/date/{Day(day)}");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>One day's listing, by whichever route answers.</summary>
    private sealed record DayPage(DateOnly Day, string Origin) : SourcePage(Origin);
}
