using PaperDigest.Core.Ingestion.Arxiv;
using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion;

/// <summary>The kinds of saved source response the importer understands, recognised by content, never by file name.</summary>
public enum SavedFileFormat
{
    Unknown,
    HuggingFaceApi,
    HuggingFacePage,
    ArxivListing,
    ArxivAtom,
}

internal static class SavedFileFormats
{
    // Cheap markers on the raw text decide which parser gets the file; the parser then validates it properly.
    public static SavedFileFormat Detect(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.StartsWith("["))
            return SavedFileFormat.HuggingFaceApi;
        // XHTML pages start with <?xml too, so an XML start alone does not make an Atom feed.
        if ((start.StartsWith("<?xml") || start.StartsWith("<feed")) && ArxivAtomParser.IsArxivFeed(text))
            return SavedFileFormat.ArxivAtom;
        if (text.Contains("data-target=\"DailyPapers\"", StringComparison.Ordinal) || text.Contains("href=\"/papers/", StringComparison.Ordinal))
            return SavedFileFormat.HuggingFacePage;
        if (text.Contains("list-title", StringComparison.Ordinal) && text.Contains("title=\"Abstract\"", StringComparison.Ordinal))
            return SavedFileFormat.ArxivListing;
        return SavedFileFormat.Unknown;
    }

    public static string SourceOf(SavedFileFormat format) =>
        format is SavedFileFormat.HuggingFaceApi or SavedFileFormat.HuggingFacePage ? ListingSources.HuggingFace : ListingSources.Arxiv;

    public static ParseResult Parse(SavedFileFormat format, string text, DateOnly? fallbackDay) => format switch
    {
        SavedFileFormat.HuggingFaceApi => HuggingFaceApiParser.Parse(text, fallbackDay),
        SavedFileFormat.HuggingFacePage => HuggingFacePageParser.Parse(text, fallbackDay),
        // Stored under its category, as the live source stores it, so the category's views show it.
        SavedFileFormat.ArxivListing => ArxivListingParser.Parse(text, fallbackDay,
            ArxivListingParser.CategoryOf(text) is { } category ? ListingSources.ArxivCategory(category) : ListingSources.Arxiv),
        SavedFileFormat.ArxivAtom => ArxivAtomParser.Parse(text).Result,
        _ => throw new FormatException("The file is not a saved Hugging Face or arXiv response."),
    };
}
