using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.Arxiv;

/// <summary>
/// Reads arXiv's <c>/list/&lt;category&gt;/new</c> and <c>/pastweek</c> pages, in the old layout (bare <c>&lt;dl&gt;</c>)
/// and the new one (<c>&lt;dl id="articles"&gt;</c>). Both pair a <c>&lt;dt&gt;</c> (id, links) with a <c>&lt;dd&gt;</c>
/// (title, authors, comments, subjects) under <c>&lt;h3&gt;</c> headings that name a day or a section.
/// New submissions and cross-lists are listed on their day; replacements only update the paper.
/// </summary>
public static partial class ArxivListingParser
{
    [GeneratedRegex(@"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4}|\d{2})\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HeadingDate();

    // A category in parentheses at the end of a subject, such as "(astro-ph.CO)" or "(cs.LG)".
    [GeneratedRegex(@"\(([a-z\-]+(?:\.[A-Za-z\-]+)?)\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SubjectCode();

    // The page's own pager and format links name its category: /list/astro-ph.CO/pastweek?skip=0&show=500.
    [GeneratedRegex(@"/list/([a-z\-]+(?:\.[A-Za-z\-]+)?)/(?:pastweek|new|recent)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ListAddress();

    /// <summary>The category a saved listing page is of, read from its own links; null when it names none.</summary>
    public static string? CategoryOf(string html) => ListAddress().Match(html) is { Success: true } found ? found.Groups[1].Value : null;

    private enum Section
    {
        New,
        CrossList,
        Replacement,
    }

    public static bool IsListingPage(IDocument page) =>
        page.QuerySelectorAll("dt").Any(dt => dt.QuerySelector("a[title='Abstract']") is not null)
        && page.QuerySelector("dd .list-title") is not null;

    /// <param name="listingSource">The source the listings are stored under: one per category, such as <c>arxiv:cs.LG</c>,
    /// so each category keeps its own ranks when a paper appears in several.</param>
    /// <exception cref="FormatException">The page holds no arXiv listing entries.</exception>
    public static ParseResult Parse(string html, DateOnly? requestedDay, string listingSource = ListingSources.Arxiv, CancellationToken cancellationToken = default)
    {
        var page = HtmlPages.Parse(html, cancellationToken);
        if (!IsListingPage(page))
            throw new FormatException("The page is not an arXiv listing: it has no entries with an abstract link and a title.");

        var days = new SortedDictionary<DateOnly, (List<ScrapedPaper> Papers, HashSet<string> CrossListed)>();
        var replaced = new List<ScrapedPaper>();
        var rejections = new List<string>();
        DateOnly? day = requestedDay;
        var section = Section.New;
        IElement? pendingTerm = null;
        var position = 0;

        foreach (var element in page.QuerySelectorAll("h3, dt, dd"))
        {
            switch (element.LocalName)
            {
                case "h3":
                    (day, section) = ReadHeading(element.TextContent, day, section);
                    break;
                case "dt":
                    pendingTerm = element;
                    break;
                case "dd" when pendingTerm is not null:
                    position++;
                    var (paper, entrySection, problem) = ReadEntry(pendingTerm, element, section);
                    pendingTerm = null;
                    if (problem is not null)
                    {
                        rejections.Add($"entry {position}: {problem}");
                    }
                    else if (entrySection == Section.Replacement)
                    {
                        replaced.Add(paper!);
                    }
                    else if (day is not { } listingDay)
                    {
                        rejections.Add($"entry {position}: paper {paper!.ArxivId} has no listing day");
                    }
                    else
                    {
                        if (!days.TryGetValue(listingDay, out var list))
                            days[listingDay] = list = ([], []);
                        if (list.Papers.Exists(p => p.ArxivId == paper!.ArxivId))
                            continue;
                        list.Papers.Add(paper!);
                        if (entrySection == Section.CrossList)
                            list.CrossListed.Add(paper!.ArxivId);
                    }
                    break;
            }
        }

        var listings = days.Select(pair => new ScrapedListing(listingSource, pair.Key, pair.Value.Papers) { CrossListed = pair.Value.CrossListed }).ToList();
        return new ParseResult(listings, rejections) { Unlisted = replaced };
    }

    // Pastweek headings are days ("Tue, 22 Nov 2022", "Fri, 22 Nov 2024 (showing 75 of 75 entries )");
    // /new headings are sections ("New submissions", "Cross submissions", "Replacement submissions").
    private static (DateOnly? Day, Section Section) ReadHeading(string heading, DateOnly? day, Section section)
    {
        var date = HeadingDate().Match(heading);
        if (date.Success)
        {
            var year = date.Groups[3].Value.Length == 2 ? "20" + date.Groups[3].Value : date.Groups[3].Value;
            if (DateOnly.TryParseExact($"{date.Groups[1].Value} {date.Groups[2].Value} {year}", "d MMM yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return (parsed, Section.New);
        }
        if (heading.Contains("cross", StringComparison.OrdinalIgnoreCase))
            return (day, Section.CrossList);
        if (heading.Contains("replace", StringComparison.OrdinalIgnoreCase))
            return (day, Section.Replacement);
        if (heading.Contains("new submission", StringComparison.OrdinalIgnoreCase))
            return (day, Section.New);
        return (day, section);
    }

    private static (ScrapedPaper? Paper, Section Section, string? Problem) ReadEntry(IElement term, IElement definition, Section section)
    {
        var abstractLink = term.QuerySelector("a[title='Abstract']");
        if (!ArxivId.TryNormalize(abstractLink?.GetAttribute("href"), out var id) && !ArxivId.TryNormalize(abstractLink?.TextContent, out id))
            return (null, section, "no arXiv id");

        var title = Text.CollapseWhitespace(WithoutDescriptor(definition.QuerySelector(".list-title")));
        if (title.Length == 0)
            return (null, section, $"paper {id} has no title");

        // An entry's own marks beat its section: pastweek pages mix cross-lists into the day's list.
        var termText = term.TextContent;
        var entrySection = termText.Contains("(replaced)", StringComparison.OrdinalIgnoreCase) ? Section.Replacement
            : termText.Contains("cross-list from", StringComparison.OrdinalIgnoreCase) ? Section.CrossList
            : section;

        var paper = new ScrapedPaper
        {
            ArxivId = id,
            Title = title,
            Abstract = Text.CollapseWhitespace(definition.QuerySelector("p.mathjax")?.TextContent),
            Authors = definition.QuerySelectorAll(".list-authors a").Select(a => Text.CollapseWhitespace(a.TextContent)).Where(a => a.Length > 0).ToList(),
            ArxivComment = Text.NullIfBlank(Text.CollapseWhitespace(WithoutDescriptor(definition.QuerySelector(".list-comments")))),
            Categories = SubjectCode().Matches(WithoutDescriptor(definition.QuerySelector(".list-subjects")))
                .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList(),
        };
        return (paper, entrySection, null);
    }

    // Field labels ("Title:", "Authors:") are <span class="descriptor"> inside the field; the value is the rest.
    private static string WithoutDescriptor(IElement? field)
    {
        if (field is null)
            return "";
        var descriptor = field.QuerySelector(".descriptor")?.TextContent ?? "";
        var text = field.TextContent.Trim();
        return text.StartsWith(descriptor, StringComparison.Ordinal) ? text[descriptor.Length..] : text;
    }
}
