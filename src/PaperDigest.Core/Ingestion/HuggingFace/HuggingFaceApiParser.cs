using System.Globalization;
using System.Text.Json;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.HuggingFace;

/// <summary>
/// Reads responses of Hugging Face's <c>/api/daily_papers</c>. The format drifted over the years: optional keys are
/// absent rather than null, so every field is read defensively and unknown fields are ignored.
/// </summary>
public static class HuggingFaceApiParser
{
    /// <summary>Groups the entries by listing day: <c>paper.submittedOnDailyAt</c>, else <paramref name="requestedDay"/>.</summary>
    /// <exception cref="FormatException">The text is not a JSON array of daily-paper entries.</exception>
    public static ParseResult Parse(string json, DateOnly? requestedDay)
    {
        using var document = SourceJson.Parse(json, "The Hugging Face response");
        if (document.RootElement.ValueKind != JsonValueKind.Array)
            throw new FormatException("The Hugging Face response is not a JSON array of daily papers.");
        return ParseEntries(document.RootElement, requestedDay);
    }

    /// <summary>Reads an array of daily-paper entries: the API's response, or the <c>dailyPapers</c> of a page's hydration data.</summary>
    internal static ParseResult ParseEntries(JsonElement entries, DateOnly? requestedDay)
    {
        var byDay = new SortedDictionary<DateOnly, List<ScrapedPaper>>();
        var seen = new HashSet<(DateOnly, string)>();
        var rejections = new List<string>();
        var position = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            position++;
            var (paper, day, problem) = ReadEntry(entry, requestedDay);
            if (problem is not null)
            {
                rejections.Add($"entry {position}: {problem}");
                continue;
            }
            if (!seen.Add((day, paper!.ArxivId)))
                continue;
            if (!byDay.TryGetValue(day, out var papers))
                byDay[day] = papers = [];
            papers.Add(paper);
        }

        var listings = byDay.Select(pair => new ScrapedListing(ListingSources.HuggingFace, pair.Key, pair.Value)).ToList();
        return new ParseResult(listings, rejections);
    }

    private static (ScrapedPaper? Paper, DateOnly Day, string? Problem) ReadEntry(JsonElement entry, DateOnly? requestedDay)
    {
        if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("paper", out var paper) || paper.ValueKind != JsonValueKind.Object)
            return (null, default, "no paper object");

        var rawId = String(paper, "id");
        if (!ArxivId.TryNormalize(rawId, out var id))
            return (null, default, $"'{Truncate(rawId)}' is not an arXiv id");

        var title = Text.CollapseWhitespace(String(paper, "title") ?? String(entry, "title"));
        if (title.Length == 0)
            return (null, default, $"paper {id} has no title");

        DateOnly day;
        if (Timestamp(paper, "submittedOnDailyAt") is { } submitted)
            day = DateOnly.FromDateTime(submitted.UtcDateTime);
        else if (requestedDay is { } fallback)
            day = fallback;
        else
            return (null, default, $"paper {id} has no listing day");

        var organization = Object(paper, "organization") ?? Object(entry, "organization");
        var scraped = new ScrapedPaper
        {
            ArxivId = id,
            Title = title,
            Abstract = Text.CollapseWhitespace(String(paper, "summary") ?? String(entry, "summary")),
            Authors = Authors(paper),
            PublishedAt = Timestamp(paper, "publishedAt"),
            GithubUrl = Text.WebUrl(String(paper, "githubRepo")),
            ProjectUrl = Text.WebUrl(String(paper, "projectPage")),
            ThumbnailUrl = Text.WebUrl(String(entry, "thumbnail") ?? String(entry, "mediaUrl")),
            OrganizationHandle = organization is { } org ? Text.NullIfBlank(String(org, "name")) : null,
            OrganizationName = organization is { } named ? Text.NullIfBlank(String(named, "fullname") ?? String(named, "name")) : null,
            AiSummary = Text.NullIfBlank(Text.CollapseWhitespace(String(paper, "ai_summary"))),
            AiKeywords = Strings(paper, "ai_keywords"),
            Upvotes = Int(paper, "upvotes"),
            Comments = Int(entry, "numComments"),
            GithubStars = Int(paper, "githubStars"),
        };
        return (scraped, day, null);
    }

    private static List<string> Authors(JsonElement paper)
    {
        if (!paper.TryGetProperty("authors", out var authors) || authors.ValueKind != JsonValueKind.Array)
            return [];
        return authors.EnumerateArray()
            .Select(author => author.ValueKind == JsonValueKind.Object ? String(author, "name") : null)
            .Select(Text.CollapseWhitespace)
            .Where(name => name.Length > 0)
            .ToList();
    }

    private static List<string> Strings(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
            return [];
        return array.EnumerateArray()
            .Where(item => item.ValueKind == JsonValueKind.String)
            .Select(item => Text.CollapseWhitespace(item.GetString()))
            .Where(item => item.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 0
            ? number
            : null;

    private static DateTimeOffset? Timestamp(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static string Truncate(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}
