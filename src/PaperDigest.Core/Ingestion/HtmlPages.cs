using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace PaperDigest.Core.Ingestion;

/// <summary>
/// Builds a fetched page into a document, giving up when <paramref name="cancellationToken"/> fires, with rendered
/// math put back to the TeX it was rendered from.
/// </summary>
internal static class HtmlPages
{
    // Building the tree is quadratic in nesting depth (150,000 unclosed elements take minutes), so a hostile page
    // must be stoppable. Only AngleSharp's async entry point listens to a token; for text already in memory it runs
    // synchronously and returns a completed task, which is unwrapped here.
    public static IHtmlDocument Parse(string html, CancellationToken cancellationToken)
    {
        var parsing = new HtmlParser().ParseDocumentAsync(html, cancellationToken);
        var page = parsing.GetAwaiter().GetResult();
        KeepTexOfRenderedMath(page);
        return page;
    }

    /// <summary>
    /// A page saved from a browser carries the math renderer's output beside the TeX it came from, and text read from
    /// it would hold both ("Reevaluating H0H_0 Tension"). The rendering goes and the TeX stays, as <c>$…$</c>, which is
    /// how arXiv writes math in titles and abstracts: MathJax 2 keeps the TeX in a <c>math/tex</c> script beside its
    /// rendering, KaTeX in an annotation inside its.
    /// </summary>
    private static void KeepTexOfRenderedMath(IDocument page)
    {
        foreach (var rendering in page.QuerySelectorAll(".MathJax_Preview, .MathJax, .MathJax_Display, .MathJax_SVG, .MathJax_CHTML").ToList())
            rendering.Remove();
        foreach (var script in page.QuerySelectorAll("script[type^='math/tex']").ToList())
            script.Replace(page.CreateTextNode(Delimited(script.TextContent, display: script.GetAttribute("type")!.Contains("mode=display", StringComparison.Ordinal))));
        foreach (var katex in page.QuerySelectorAll(".katex").ToList())
        {
            if (katex.QuerySelector("annotation[encoding='application/x-tex']") is { } tex)
                katex.Replace(page.CreateTextNode(Delimited(tex.TextContent, display: katex.ParentElement?.ClassList.Contains("katex-display") == true)));
        }
    }

    private static string Delimited(string tex, bool display) => display ? $"$${tex.Trim()}$$" : $"${tex.Trim()}$";
}
