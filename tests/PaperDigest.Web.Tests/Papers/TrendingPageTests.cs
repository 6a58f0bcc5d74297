using System.Globalization;
using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

public sealed class TrendingPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task TheTrendingPageRanksTheLastWeekByScoreAndSaysWhy()
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/trending");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var scores = page.QuerySelectorAll(".score-parts summary")
            .Select(s => double.Parse(s.TextContent.Split("score ")[1], CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(50, scores.Count);
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(5, page.QuerySelectorAll(".score-parts")[0].QuerySelectorAll("dt").Length);
    }
}
