using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

public sealed class TagPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task TheSampleIsTaggedAndEachTagListsItsPapers()
    {
        var client = app.Factory.CreateClient();

        var (_, tags) = await HtmlPages.GetAsync(client, "/tags");
        var agents = tags.QuerySelectorAll(".tag-list a").Single(a => a.GetAttribute("href") == "tags/agents");
        var (response, page) = await HtmlPages.GetAsync(client, "/tags/agents");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Agents", agents.TextContent);
        var count = int.Parse(agents.ParentElement!.QuerySelector(".tag-count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(count, 100), page.QuerySelectorAll(".paper-card").Length);
        var (_, paper) = await HtmlPages.GetAsync(client, page.QuerySelector(".paper-title a")!.GetAttribute("href")!);
        Assert.Contains(paper.QuerySelectorAll(".paper-tags a"), a => a.GetAttribute("href") == "tags/agents");
    }

    [Fact]
    public async Task AnUnknownTagIsAHelpfulNotFound()
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/tags/no-such-tag");
        var feed = await app.Factory.CreateClient().GetAsync(new Uri("/feeds/tags/no-such-tag.atom", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, feed.StatusCode);
    }
}
