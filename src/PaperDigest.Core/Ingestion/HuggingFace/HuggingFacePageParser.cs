using System.Globalization;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.HuggingFace;

/// <summary>
/// Reads a Hugging Face daily papers page (<c>/papers/date/YYYY-MM-DD</c>). The page embeds the same entries the
/// API returns, as HTML-escaped JSON in the <c>DailyPapers</c> hydration element; when that is missing, the
/// visible cards still give each paper's id, title and upvotes.
/// </summary>
public static class HuggingFacePageParser
{
    private const string HydrationSelector = "[data-target='DailyPapers'][data-props]";

    public static ParseResult Parse(string html, DateOnly? requestedDay, CancellationToken cancellationToken = default) =>
        Parse(HtmlPages.Parse(html, cancellationToken), requestedDay);

    /// <exception cref="FormatException">The page has neither the hydration data nor paper cards.</exception>
    public static ParseResult Parse(IDocument page, DateOnly? requestedDay)
    {
        if (page.QuerySelector(HydrationSelector)?.GetAttribute("data-props") is { } props)
            return ParseHydration(props, requestedDay);
        return ParseCards(page, requestedDay);
    }

    private static ParseResult ParseHydration(string props, DateOnly? requestedDay)
    {
        using var document = SourceJson.Parse(props, "The Hugging Face page's DailyPapers data");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("dailyPapers", out var entries) || entries.ValueKind != JsonValueKind.Array)
            throw new FormatException("The Hugging Face page's DailyPapers data has no dailyPapers array.");
        // The page states its own day; it beats a day guessed from a URL or file name.
        var pageDay = root.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(date.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? DateOnly.FromDateTime(parsed.UtcDateTime)
                : requestedDay;
        return HuggingFaceApiParser.ParseEntries(entries, pageDay);
    }

    private static ParseResult ParseCards(IDocument page, DateOnly? requestedDay)
    {
        var cards = page.QuerySelectorAll("article").Where(card => card.QuerySelector("h3 a[href^='/papers/']") is not null).ToList();
        if (cards.Count == 0)
            throw new FormatException("The Hugging Face page has neither DailyPapers data nor paper cards.");
        if (requestedDay is not { } day)
            return new ParseResult([], cards.Select((_, i) => $"card {i + 1}: no listing day").ToList());

        var papers = new List<ScrapedPaper>();
        var rejections = new List<string>();
        foreach (var (card, position) in cards.Select((card, index) => (card, index + 1)))
        {
            var link = card.QuerySelector("h3 a[href^='/papers/']")!;
            var title = Text.CollapseWhitespace(link.TextContent);
            if (!ArxivId.TryNormalize(link.GetAttribute("href")!["/papers/".Length..], out var id) || title.Length == 0)
            {
                rejections.Add($"card {position}: no arXiv id or title");
                continue;
            }
            // The upvote count is the number beside the vote button's hidden checkbox.
            var votes = card.QuerySelector("input[type='checkbox'] ~ div.leading-none")?.TextContent.Trim();
            papers.Add(new ScrapedPaper
            {
                ArxivId = id,
                Title = title,
                Upvotes = int.TryParse(votes, NumberStyles.None, CultureInfo.InvariantCulture, out var upvotes) ? upvotes : null,
            });
        }
        return new ParseResult(papers.Count > 0 ? [new ScrapedListing(ListingSources.HuggingFace, day, papers)] : [], rejections);
    }
}
