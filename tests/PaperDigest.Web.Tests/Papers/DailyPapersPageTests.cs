using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

/// <summary>The app starts on an empty database, imports the shipped sample (2026-08-17 to 2026-08-21) and serves it.</summary>
public sealed class DailyPapersPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task HomeShowsTheLatestDayInUpvoteOrder()
    {
        var expected = FixturePapers("2026-08-21").OrderByDescending(p => p.Upvotes).ToList();

        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Friday, 21 August 2026", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var cards = page.QuerySelectorAll("article.paper-card");
        Assert.Equal(expected.Count, cards.Length);
        Assert.Equal(expected.Select(p => p.Upvotes), cards.Select(HtmlPages.Upvotes));
        Assert.Equal(expected.Select(p => p.Id).ToHashSet(), cards.Select(c => c.QuerySelector(".paper-title a")!.GetAttribute("href")!["papers/".Length..]).ToHashSet());
    }

    [Fact]
    public async Task EachCardShowsItsAuthorsCountsAndLinks()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/");

        var card = page.QuerySelectorAll("article.paper-card").First(c => c.TextContent.Contains("EnvHarness", StringComparison.Ordinal));
        Assert.Equal("EnvHarness: Awakening Static Worlds for Agent Learning", card.QuerySelector(".paper-title")!.TextContent.Trim());
        Assert.StartsWith("Chengsong Huang, Zifeng Wang, Rujun Han, Jun Yan, Yanfei Chen", card.QuerySelector(".authors")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("+12", card.QuerySelector(".more-authors")!.TextContent.Trim());
        Assert.Equal(163, HtmlPages.Upvotes(card));
        // The words say what the numbers count, in the right number; the icons are the stylesheet's, not markup a screen
        // reader could meet, drawn for the three counts' classes.
        Assert.Equal("1 comment", card.QuerySelector(".comments")!.TextContent.Trim());
        Assert.Equal("163 upvotes", card.QuerySelector(".upvotes")!.TextContent.Trim());
        Assert.Equal(3, card.QuerySelectorAll("span.upvotes, span.comments, span.stars").Length);
        Assert.Empty(card.QuerySelectorAll("svg, img:not(.paper-thumbnail)"));
        var links = card.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("papers/2608.19880", links);
        Assert.Contains("https://arxiv.org/abs/2608.19880", links);
        Assert.Contains("https://arxiv.org/pdf/2608.19880", links);
        Assert.Contains("https://github.com/google-research/envharness", links);
        Assert.Equal("GitHub 8 stars", card.QuerySelector("a[href='https://github.com/google-research/envharness']")!.TextContent.Trim());
        // Its keywords include reinforcement learning and LLM agents, which the built-in rules turn into tags.
        var tags = card.QuerySelectorAll(".card-tags a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("tags/agents", tags);
        Assert.Contains("tags/reinforcement-learning", tags);
    }

    [Fact]
    public async Task PreviousAndNextLinksMoveBetweenDaysThatHaveListings()
    {
        var client = app.Factory.CreateClient();

        var (_, latest) = await HtmlPages.GetAsync(client, "/");
        var (_, monday) = await HtmlPages.GetAsync(client, "/papers/date/2026-08-17");
        var (_, tuesday) = await HtmlPages.GetAsync(client, "/papers/date/2026-08-18");

        Assert.Equal("papers/date/2026-08-20", latest.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(latest.QuerySelector("a[rel=next]"));
        Assert.Null(monday.QuerySelector("a[rel=prev]"));
        Assert.Equal("papers/date/2026-08-18", monday.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("papers/date/2026-08-17", tuesday.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(FixturePapers("2026-08-18").Count, tuesday.QuerySelectorAll("article.paper-card").Length);
    }

    [Theory]
    [InlineData("/papers/date/2026-08-15")]
    [InlineData("/papers/date/2026-13-45")]
    [InlineData("/papers/date/yesterday")]
    [InlineData("/papers/date/2026-08-17'%20OR%201=1")]
    public async Task ADayWithoutListingsOrThatIsNoDateIsAHelpfulNotFound(string path)
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("main a[href='']"));
    }

    private static List<(string Id, int Upvotes)> FixturePapers(string day) =>
        SourceFixtures.HuggingFaceApiPapers(day).Select(p => (p.GetProperty("id").GetString()!, p.GetProperty("upvotes").GetInt32())).ToList();
}
