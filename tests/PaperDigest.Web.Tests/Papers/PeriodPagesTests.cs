using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

/// <summary>Week and month pages over the shipped sample: 110 papers listed Monday 17 to Friday 21 August 2026 (ISO week 34).</summary>
public sealed class PeriodPagesTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/papers/week/2026-W34", "Week 34 of 2026 (17 August to 23 August)")]
    [InlineData("/papers/month/2026-08", "August 2026")]
    public async Task LongPeriodsArePagedAHundredPapersAtATime(string path, string description)
    {
        var client = app.Factory.CreateClient();
        var (response, page) = await HtmlPages.GetAsync(client, path);
        var (_, second) = await HtmlPages.GetAsync(client, path + "?page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(description, page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var upvotes = page.QuerySelectorAll(".paper-card").Select(HtmlPages.Upvotes).ToList();
        Assert.Equal(100, upvotes.Count);
        Assert.Equal(upvotes.OrderDescending(), upvotes);
        Assert.Equal("110 papers, most upvoted first; page 1 of 2.", page.QuerySelector(".day-count")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("a[rel=prev]"));
        Assert.Null(page.QuerySelector("a[rel=next]"));
        var rest = second.QuerySelectorAll(".paper-card").Select(HtmlPages.Upvotes).ToList();
        Assert.Equal(10, rest.Count);
        Assert.True(rest.Max() <= upvotes.Min());
        Assert.Equal("101", second.QuerySelector("ol.paper-list")!.GetAttribute("start"));
        Assert.Contains(second.QuerySelectorAll(".pager a"), a => a.TextContent.Contains("More upvoted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TabsSwitchBetweenTheDayWeekAndMonthOfTheLatestListing()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/week/2026-W34");

        var tabs = page.QuerySelectorAll(".period-tabs a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal("papers/date/2026-08-21", tabs["Daily"]);
        Assert.Equal("papers/week/2026-W34", tabs["Weekly"]);
        Assert.Equal("papers/month/2026-08", tabs["Monthly"]);
        Assert.Equal("Weekly", page.QuerySelector(".period-tabs a[aria-current=page]")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/papers/week/2026-W33")]
    [InlineData("/papers/week/2025-W53")]
    [InlineData("/papers/week/2026-34")]
    [InlineData("/papers/month/2026-13")]
    [InlineData("/papers/month/2026-07")]
    [InlineData("/papers/month/99999-01")]
    public async Task AnEmptyOrImpossiblePeriodIsAHelpfulNotFound(string path)
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
