using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PaperDigest.Core.Ingestion;

/// <summary>Builds a fetched page into a document, giving up when <paramref name="cancellationToken"/> fires.</summary>
internal static class HtmlPages
{
    // Building the tree is quadratic in nesting depth (150,000 unclosed elements take minutes), so a hostile page
    // must be stoppable. Only AngleSharp's async entry point listens to a token; for text already in memory it runs
    // synchronously and returns a completed task, which is unwrapped here.
    public static IHtmlDocument Parse(string html, CancellationToken cancellationToken)
    {
        var parsing = new HtmlParser().ParseDocumentAsync(html, cancellationToken);
        return parsing.GetAwaiter().GetResult();
    }
}
