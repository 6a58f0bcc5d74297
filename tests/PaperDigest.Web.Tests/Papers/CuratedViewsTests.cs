using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Curation;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

/// <summary>
/// Hugging Face's days stay Hugging Face's when arXiv's firehose is ingested beside them: the day, week and month
/// pages, the home page, the daily feed, the API's periods and trending show what a curating source listed, while
/// search still finds every paper.
/// </summary>
public sealed class CuratedViewsTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    // Three papers arXiv announced on the sample's last day, each with more upvotes than any sample paper so that any
    // leak would top the pages, and one arXiv day after it.
    private static readonly string[] ArxivOnly = ["2608.90001", "2608.90002", "2608.90003"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CuratedViewsShowOnlyCuratedPapersUntilHuggingFaceListsOne()
    {
        await app.ResetToSampleAsync();
        var db = app.Database.ConnectionString;
        foreach (var id in ArxivOnly)
            await Sql.InsertPaperAsync(db, id, $"Quasinormal firehose study {id}");
        await Sql.ExecuteAsync(db, """
            UPDATE papers SET upvotes = 5000 WHERE arxiv_id LIKE '2608.9000_';
            INSERT INTO listings (arxiv_id, source, day, rank, kind)
            SELECT arxiv_id, 'arxiv:cs.LG', date '2026-08-21', row_number() OVER (ORDER BY arxiv_id), 'New' FROM papers WHERE arxiv_id LIKE '2608.9000_'
            UNION ALL SELECT '2608.90003', 'arxiv:cs.LG', date '2026-08-24', 1, 'New';
            """);
        await app.ResetPageCacheAsync();
        var client = app.Factory.CreateClient();

        foreach (var path in new[] { "/", "/papers/date/2026-08-21", "/papers/week/2026-W34", "/papers/month/2026-08", "/papers/trending" })
        {
            var (_, page) = await HtmlPages.GetAsync(client, path);
            Assert.DoesNotContain(page.QuerySelectorAll(".paper-card .paper-title a"), a => a.GetAttribute("href")!.Contains("2608.9000", StringComparison.Ordinal));
        }
        var (_, day) = await HtmlPages.GetAsync(client, "/papers/date/2026-08-21");
        Assert.StartsWith("17 papers", day.QuerySelector(".day-count")!.TextContent.Trim(), StringComparison.Ordinal);
        // The later arXiv-only day is not a curated day: the sample's last day stays the latest, with no next day.
        Assert.Null(day.QuerySelector("a[rel=next]"));
        var (_, home) = await HtmlPages.GetAsync(client, "/");
        Assert.Contains("21 August 2026", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        using (var api = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/papers?date=2026-08-21", UriKind.Relative), Cancel)))
            Assert.Equal(17, api.RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("2608.9000", await client.GetStringAsync(new Uri("/feeds/daily.atom", UriKind.Relative), Cancel), StringComparison.Ordinal);
        // Search covers every paper.
        var (_, found) = await HtmlPages.GetAsync(client, "/search?q=quasinormal+firehose");
        Assert.Equal(3, found.QuerySelectorAll(".paper-card").Length);
        // Pins only mean something on curated days.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            Assert.False((await scope.ServiceProvider.GetRequiredService<PaperCuration>().SetPinnedAsync("a curator", ArxivOnly[0], pinned: true, Cancel)).Succeeded);

        // Hugging Face picks one of them: it is on its day and enters trending.
        await Sql.ExecuteAsync(db, "INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2608.90001', 'huggingface', '2026-08-21', 18, 'New')");
        await app.ResetPageCacheAsync();
        var (_, picked) = await HtmlPages.GetAsync(client, "/papers/date/2026-08-21");
        Assert.StartsWith("18 papers", picked.QuerySelector(".day-count")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("papers/2608.90001", picked.QuerySelector(".paper-card .paper-title a")!.GetAttribute("href"));
        var (_, trending) = await HtmlPages.GetAsync(client, "/papers/trending");
        Assert.Equal("papers/2608.90001", trending.QuerySelector(".paper-card .paper-title a")!.GetAttribute("href"));
        Assert.DoesNotContain(trending.QuerySelectorAll(".paper-card .paper-title a"), a => a.GetAttribute("href") is "papers/2608.90002" or "papers/2608.90003");
    }
}
