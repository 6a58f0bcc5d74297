using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Digests;

/// <summary>The preview and the archive render the email's own paper list, on the shipped sample (latest day 2026-08-21).</summary>
public sealed class DigestPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task ThePreviewShowsTheLatestDaysBestPapersAsTheEmailWould()
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/digest/preview?max=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PaperDigest daily: 3 papers from 21 August 2026", page.QuerySelector("main h2")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll(".digest-preview tr").Length);
        // Every paper's title links to its page on the site the emails point at.
        var titleLinks = page.QuerySelectorAll(".digest-preview a[style*='font-size:17px']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(3, titleLinks.Count);
        Assert.All(titleLinks, href => Assert.Matches(@"^http://localhost:5046/papers/\d{4}\.\d{5}$", href));
    }

    [Fact]
    public async Task ThePreviewFollowsTheMinimumUpvotesAndRefusesNonsense()
    {
        var client = app.Factory.CreateClient();
        var (_, strict) = await HtmlPages.GetAsync(client, "/digest/preview?min=100000");
        var (_, nonsense) = await HtmlPages.GetAsync(client, "/digest/preview?max=" + new string('9', 50));

        Assert.Contains("would not be sent", strict.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("could not be used", nonsense.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheArchiveListsSentEditionsAndShowsEachOneAndUnknownDaysAre404()
    {
        var client = app.Factory.CreateClient();
        var (_, before) = await HtmlPages.GetAsync(client, "/digests");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, TestContext.Current.CancellationToken);

        // The new edition evicted the cached index.
        var (_, index) = await HtmlPages.GetAsync(client, "/digests");
        var (_, edition) = await HtmlPages.GetAsync(client, "/digests/2026-08-21");
        var (missing, _) = await HtmlPages.GetAsync(client, "/digests/2026-08-20");
        var (garbage, _) = await HtmlPages.GetAsync(client, "/digests/%27%3B--");

        Assert.Equal("digests/2026-08-21", index.QuerySelector(".digest-editions a")!.GetAttribute("href"));
        Assert.Null(before.QuerySelector(".digest-editions"));
        // The sample's last day lists 17 papers, fewer than the archive's 20.
        Assert.Equal(17, edition.QuerySelectorAll(".digest-preview tr").Length);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, garbage.StatusCode));
    }
}
