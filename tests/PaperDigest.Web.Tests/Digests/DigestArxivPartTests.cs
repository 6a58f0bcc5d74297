using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Digests;

/// <summary>The digest's arXiv part as readers choose it: on the subscribe form, in the preview, stored with them.</summary>
public sealed class DigestArxivPartTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var db = app.Database.ConnectionString;
        if (await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM listings WHERE source LIKE 'arxiv:%'") > 0)
            return;
        foreach (var (id, title) in new[] { ("2608.80001", "Firehose learning one"), ("2608.80002", "Firehose learning two"), ("2608.80003", "Firehose language") })
            await Sql.InsertPaperAsync(db, id, title);
        await Sql.ExecuteAsync(db, """
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2608.80001', 'arxiv:cs.LG', date '2026-08-21', 1, 'New'), ('2608.80002', 'arxiv:cs.LG', date '2026-08-21', 2, 'New'),
              ('2608.80003', 'arxiv:cs.CL', date '2026-08-21', 1, 'New');
            """);
        await app.ResetPageCacheAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ThePreviewShowsTheArxivPartInTheChosenCategoriesAfterTheCuratedPapers()
    {
        var client = app.Factory.CreateClient();
        var (_, both) = await HtmlPages.GetAsync(client, "/digest/preview?max=2&arxiv=5&categories=cs.LG");
        var (_, curated) = await HtmlPages.GetAsync(client, "/digest/preview?max=2");

        var links = both.QuerySelectorAll(".digest-preview a[href*='/papers/']").Select(a => a.GetAttribute("href")!.Split("/papers/")[1]).ToList();
        Assert.Equal(4, links.Count);
        Assert.Equal(["2608.80001", "2608.80002"], links[2..]);
        Assert.Equal(DigestContent.ArxivHeading, both.QuerySelector(".digest-part")?.TextContent.Trim());
        Assert.Null(curated.QuerySelector(".digest-part"));
        var (_, refused) = await HtmlPages.GetAsync(client, "/digest/preview?arxiv=5&categories=astro-ph");
        Assert.Equal(SubscriptionInput.PreferencesProblem, refused.QuerySelector(".notice")?.TextContent.Trim());
    }

    [Fact]
    public async Task TheArchiveShowsWhichPartEachPaperOfAnEditionCameFrom()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString,
            "INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ('Daily', '2026-08-21', now()) ON CONFLICT DO NOTHING");
        await app.ResetPageCacheAsync();

        var (_, edition) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/digests/2026-08-21");

        Assert.Equal(DigestContent.ArxivHeading, edition.QuerySelector(".digest-part")?.TextContent.Trim());
        Assert.Contains("Hugging Face's picks", edition.QuerySelector(".digest-preview")!.TextContent, StringComparison.Ordinal);
        var links = edition.QuerySelectorAll(".digest-preview a[href*='/papers/']").Select(a => a.GetAttribute("href")!.Split("/papers/")[1]).ToList();
        // One day's papers across categories, each at its place in its category's listing.
        Assert.Equal(["2608.80001", "2608.80003", "2608.80002"], links[^3..]);
    }

    [Fact]
    public async Task TheSubscribeFormOffersTheFollowedCategoriesAndStoresTheReadersChoice()
    {
        var client = app.Factory.CreateClient();
        var (_, form) = await HtmlPages.GetAsync(client, "/subscribe");
        Assert.Equal(["cs.AI", "cs.CL", "cs.CV", "cs.LG"], form.QuerySelectorAll("input[name=categories]").Select(box => box.GetAttribute("value")));
        Assert.NotNull(form.QuerySelector("input[name=arxiv][type=number]"));

        using var post = new FormUrlEncodedContent([
            KeyValuePair.Create("email", "arxiv-reader@example.com"), KeyValuePair.Create("arxiv", "3"),
            KeyValuePair.Create("categories", "cs.LG"), KeyValuePair.Create("categories", "cs.CL")]);
        await client.PostAsync(new Uri("/subscriptions", UriKind.Relative), post, Cancel);

        Assert.Equal("3 cs.CL cs.LG", await Sql.ScalarAsync<string>(app.Database.ConnectionString,
            "SELECT arxiv_papers || ' ' || array_to_string(ARRAY(SELECT unnest(arxiv_categories) ORDER BY 1), ' ') FROM subscribers WHERE email = 'arxiv-reader@example.com'"));
    }
}
