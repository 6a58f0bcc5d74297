using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion.Arxiv;

/// <summary>
/// Reads arXiv API (<c>export.arxiv.org/api/query</c>) Atom feeds. Entries enrich papers by id and are not listings,
/// so they come back as <see cref="ParseResult.Unlisted"/>; the paging numbers let the caller fetch the rest.
/// </summary>
public static class ArxivAtomParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Arxiv = "http://arxiv.org/schemas/atom";
    private static readonly XNamespace OpenSearch = "http://a9.com/-/spec/opensearch/1.1/";

    public static bool IsArxivFeed(string text) =>
        text.Contains("http://www.w3.org/2005/Atom", StringComparison.Ordinal)
        && (text.Contains("arxiv.org/api", StringComparison.OrdinalIgnoreCase) || text.Contains("arxiv.org/schemas/atom", StringComparison.Ordinal));

    /// <exception cref="FormatException">The text is not an Atom feed.</exception>
    /// <exception cref="ArxivApiException">The feed is arXiv's error feed (such as a malformed id).</exception>
    public static ArxivAtomPage Parse(string xml)
    {
        XDocument document;
        try
        {
            // No DTDs: a feed has no business defining entities, and prohibiting them rules out entity expansion attacks.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException exception)
        {
            throw new FormatException($"The arXiv API response is not valid XML ({exception.Message}).", exception);
        }

        var feed = document.Root;
        if (feed is null || feed.Name != Atom + "feed")
            throw new FormatException("The arXiv API response is not an Atom feed.");

        var entries = feed.Elements(Atom + "entry").ToList();
        var error = entries.FirstOrDefault(e => ((string?)e.Element(Atom + "id"))?.Contains("/api/errors", StringComparison.Ordinal) == true);
        if (error is not null)
            throw new ArxivApiException($"The arXiv API refused the query: {Text.CollapseWhitespace((string?)error.Element(Atom + "summary"))}.");

        var papers = new List<ScrapedPaper>();
        var rejections = new List<string>();
        foreach (var (entry, position) in entries.Select((entry, index) => (entry, index + 1)))
        {
            var paper = ReadEntry(entry);
            if (paper is null)
                rejections.Add($"entry {position}: no arXiv id or title");
            else
                papers.Add(paper);
        }

        return new ArxivAtomPage(
            new ParseResult([], rejections) { Unlisted = papers },
            Number(feed, "totalResults") ?? papers.Count,
            Number(feed, "startIndex") ?? 0,
            Number(feed, "itemsPerPage") ?? papers.Count);
    }

    private static ScrapedPaper? ReadEntry(XElement entry)
    {
        if (!ArxivId.TryNormalize((string?)entry.Element(Atom + "id"), out var id))
            return null;
        var title = Text.CollapseWhitespace((string?)entry.Element(Atom + "title"));
        if (title.Length == 0)
            return null;

        var primary = (string?)entry.Element(Arxiv + "primary_category")?.Attribute("term");
        var categories = entry.Elements(Atom + "category").Select(c => (string?)c.Attribute("term")).OfType<string>();
        return new ScrapedPaper
        {
            ArxivId = id,
            Title = title,
            Abstract = Text.CollapseWhitespace((string?)entry.Element(Atom + "summary")),
            Authors = entry.Elements(Atom + "author").Select(a => Text.CollapseWhitespace((string?)a.Element(Atom + "name"))).Where(n => n.Length > 0).ToList(),
            PublishedAt = DateTimeOffset.TryParse((string?)entry.Element(Atom + "published"), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published) ? published : null,
            Categories = (primary is null ? categories : categories.Prepend(primary)).Distinct(StringComparer.Ordinal).ToList(),
            ArxivComment = Text.NullIfBlank(Text.CollapseWhitespace((string?)entry.Element(Arxiv + "comment"))),
            Doi = Text.NullIfBlank((string?)entry.Element(Arxiv + "doi")),
        };
    }

    private static int? Number(XElement feed, string name) =>
        int.TryParse((string?)feed.Element(OpenSearch + name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}

/// <summary>One page of an arXiv API answer, with where it sits in the whole result.</summary>
public sealed record ArxivAtomPage(ParseResult Result, int TotalResults, int StartIndex, int ItemsPerPage)
{
    public bool HasMore => StartIndex + Result.Unlisted.Count < TotalResults && Result.Unlisted.Count > 0;
}

/// <summary>arXiv answered with its error feed; the message carries arXiv's own reason.</summary>
public sealed class ArxivApiException : Exception
{
    public ArxivApiException(string message) : base(message) { }

    public ArxivApiException(string message, Exception innerException) : base(message, innerException) { }

    public ArxivApiException() { }
}
