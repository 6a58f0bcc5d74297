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
        return (response, await ParseAsync(response));
    }

    /// <summary>A response already received (a form post's, after its redirect), parsed.</summary>
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return await BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html), TestContext.Current.CancellationToken);
    }

    /// <summary>The body of whatever the address answers, error pages included.</summary>
    public static async Task<string> TextAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The upvote count a paper card shows (an icon, then "163").</summary>
    public static int Upvotes(IElement card) =>
        int.Parse(card.QuerySelector(".upvotes .count")!.TextContent, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
}
