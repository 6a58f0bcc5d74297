using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Search;

/// <summary>Search over the shipped sample (110 papers, 17 to 21 August 2026).</summary>
public sealed class SearchPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task WordsFindThePaperWithItsMatchesMarkedInTheSnippet()
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=EnvHarness");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = page.QuerySelector(".search-results li")!;
        Assert.Equal("papers/2608.19880", first.QuerySelector(".paper-title a")!.GetAttribute("href"));
        Assert.Contains("EnvHarness", first.QuerySelectorAll(".snippet mark").Select(m => m.TextContent));
    }

    [Fact]
    public async Task ALongDescriptionWithAStrayOrCutOffWordStillFindsItsPaper()
    {
        // Every word but the last two is in the paper; "bridging" and "stellar f" are in no paper at all, so strict
        // matching (every word) answered "No paper matches". Words only: this app runs without embeddings.
        const string Query = "benchmark optimization automatic speech recognition models reference transcript audio bridging geophysical stellar f";

        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=" + Uri.EscapeDataString(Query));

        Assert.Equal("papers/2608.19936", page.QuerySelector(".search-results .paper-title a")?.GetAttribute("href"));
    }

    [Fact]
    public async Task AccentsAndCaseDoNotMatter()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.09001", "Crème brûlée tokenisers", "A dessert-themed study.", "Zoë Čapek");

        var (_, byTitle) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=CREME+BRULEE");
        var (_, byAuthor) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=zoe+capek");

        Assert.Equal("papers/2601.09001", byTitle.QuerySelector(".search-results .paper-title a")?.GetAttribute("href"));
        Assert.Equal("papers/2601.09001", byAuthor.QuerySelector(".search-results .paper-title a")?.GetAttribute("href"));
    }

    [Theory]
    [InlineData("2608.19880")]
    [InlineData("arXiv:2608.19880v3")]
    [InlineData("https://arxiv.org/abs/2608.19880")]
    public async Task AnArxivIdOrUrlJumpsStraightToThePaper(string query)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/search?q=" + Uri.EscapeDataString(query), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/papers/2608.19880", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ByRelevancePapersAboutTheWordsComeBeforePapersThatOnlyMentionThem()
    {
        var connection = app.Database.ConnectionString;
        await Sql.InsertPaperAsync(connection, "2601.09101", "A survey of wombat burrows", "Wombats dig; quokkas watch.");
        await Sql.InsertPaperAsync(connection, "2601.09102", "Quokka locomotion on sand", "Small marsupials hop.");
        await Sql.InsertPaperAsync(connection, "2601.09103", "Island fauna at dusk", "Among them the quokka.");

        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=quokka");

        var found = page.QuerySelectorAll(".search-results .paper-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(3, found.Count);
        Assert.Equal("papers/2601.09102", found[0]);
    }

    [Fact]
    public async Task TyposInATitleAreCorrectedToItsWords()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=" + Uri.EscapeDataString("EnvHarnss: Awakenng Static Wrlds"));

        Assert.Equal("No paper matches “EnvHarnss: Awakenng Static Wrlds”; showing 1 for “envharness awakening static worlds”.",
            page.QuerySelector(".search-summary")!.TextContent.Trim());
        Assert.Equal("papers/2608.19880", page.QuerySelector(".search-results .paper-title a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TyposInAuthorNamesAreCorrected()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=gokturck+pfistr");

        Assert.Contains("showing 1 for “gokturk pfister”", page.QuerySelector(".search-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("papers/2608.19880", page.QuerySelector(".search-results .paper-title a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task WordsThatNoTitleResemblesFindNothingRatherThanSomethingUnrelated()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=xqzjvw");

        Assert.Empty(page.QuerySelectorAll(".search-results li"));
        Assert.StartsWith("No paper matches “xqzjvw”", page.QuerySelector(".search-summary")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiltersAndSortingNarrowAndOrderTheResults()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=model&code=true&min=20&sort=upvotes");

        var cards = page.QuerySelectorAll(".search-results .paper-card");
        Assert.NotEmpty(cards);
        var upvotes = cards.Select(HtmlPages.Upvotes).ToList();
        Assert.All(upvotes, u => Assert.True(u >= 20));
        Assert.Equal(upvotes.OrderDescending(), upvotes);
        Assert.All(cards, c => Assert.Contains(c.QuerySelectorAll("a"), a => a.TextContent.StartsWith("GitHub", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATagFilterKeepsOnlyPapersWithThatTag()
    {
        var client = app.Factory.CreateClient();
        var (_, all) = await HtmlPages.GetAsync(client, "/search?q=model");
        var (_, tagged) = await HtmlPages.GetAsync(client, "/search?q=model&tag=robotics");

        var cards = tagged.QuerySelectorAll(".search-results .paper-card");
        Assert.NotEmpty(cards);
        Assert.All(cards, c => Assert.Contains(c.QuerySelectorAll(".card-tags a"), a => a.GetAttribute("href") == "tags/robotics"));
        Assert.True(MatchCount(tagged) < MatchCount(all));
        Assert.Equal("robotics", tagged.QuerySelector("select[name=tag] option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task ManyResultsArePaged()
    {
        var client = app.Factory.CreateClient();

        var (_, first) = await HtmlPages.GetAsync(client, "/search?q=model");
        var (_, second) = await HtmlPages.GetAsync(client, "/search?q=model&page=2");

        Assert.Equal(20, first.QuerySelectorAll(".search-results > li").Length);
        Assert.NotNull(first.QuerySelector(".pager a[rel=next]"));
        Assert.NotNull(second.QuerySelector(".pager a[rel=prev]"));
        Assert.Empty(first.QuerySelectorAll(".search-results .paper-title a").Select(a => a.GetAttribute("href"))
            .Intersect(second.QuerySelectorAll(".search-results .paper-title a").Select(a => a.GetAttribute("href"))));
    }

    public static TheoryData<string> HostileQueries() => new(
        "",
        "q=",
        "q=%22unbalanced",
        "q=a+OR+OR+-+-+%22%22+%26+%7C+!+(+)+:*",
        "q=" + new string('x', 10_000),
        "q=" + string.Concat(Enumerable.Repeat("%F0%9F%A7%AA", 150)),
        "q=%27%3B+DROP+TABLE+papers%3B+--",
        "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "q=%00%01%02%03",
        "q=model&page=-5",
        "q=model&page=99999999999999",
        "q=model&min=abc&sort=bogus&from=2026-99-99&to=x&code=maybe",
        "q=%E2%80%AE%E2%80%8B");

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task AnyInputGetsAPageNeverAnError(string queryString)
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?" + queryString);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Search papers", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("main script"));
    }

    // "42 papers match “model”."
    private static int MatchCount(AngleSharp.Dom.IDocument page) =>
        int.Parse(page.QuerySelector(".search-summary")!.TextContent.Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
