using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;

namespace PaperDigest.Web.Tests;

/// <summary>Fetches a page from the app and parses it the way a browser would, without running scripts.</summary>
internal static class HtmlPages
{
    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html), TestContext.Current.CancellationToken);
        return (response, document);
    }

    /// <summary>The upvote count a paper card shows ("▲ 163").</summary>
    public static int Upvotes(IElement card) =>
        int.Parse(card.QuerySelector(".upvotes")!.TextContent.Replace("▲", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
}
