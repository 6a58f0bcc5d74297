using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin lists what needs a curator, each item linking to where to act on it.</summary>
public sealed class AdminHomeTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task TheHomeListsFailingSourcesPausedJobsAndUndeliveredDigestsWithWhereToAct()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var (_, calm) = await HtmlPages.GetAsync(admin, "/admin");
        Assert.NotNull(calm.QuerySelector(".all-well"));

        var subscriber = await Sql.InsertSubscriberAsync(app.Database.ConnectionString, "unlucky@example.com");
        await Sql.ExecuteAsync(app.Database.ConnectionString, $"""
            INSERT INTO source_health (source, consecutive_failures, last_attempt_at, last_error, disabled)
            VALUES ('arxiv', 3, now(), 'arxiv.org answered 503 Service Unavailable', false);
            INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ('Daily', '2026-08-21', now());
            INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, paper_ids)
            SELECT {subscriber}, id, 'Failed', 5, ARRAY[]::text[] FROM digest_editions WHERE last_day = '2026-08-21';
            """);
        await AdminSession.SubmitAsync(admin, "/admin/jobs", "form:not(.job-run):has(input[name='Command.Job'][value='PruneLinkTokensJob'])", ("Command.Action", "pause"));

        var (_, page) = await HtmlPages.GetAsync(admin, "/admin");

        var items = page.QuerySelectorAll(".attention a").Select(a => (Text: a.TextContent.Trim(), Link: a.GetAttribute("href"))).ToList();
        Assert.Contains(("arxiv has failed 3 times in a row: arxiv.org answered 503 Service Unavailable", "admin/sources"), items);
        Assert.Contains(("Prune old email links and delivery records is paused.", "admin/jobs"), items);
        Assert.Contains(("1 message of the Daily digest of 2026-08-21 failed.", "admin/digests"), items);
        await AdminSession.SubmitAsync(admin, "/admin/jobs", "form:not(.job-run):has(input[name='Command.Job'][value='PruneLinkTokensJob'])", ("Command.Action", "resume"));
    }

    [Fact]
    public async Task NewPapersWithoutATagWaitForReviewUntilACuratorTagsThem()
    {
        var db = app.Database.ConnectionString;
        await Sql.InsertPaperAsync(db, "2612.00042", "A paper no rule filed");
        // And one only arXiv announced: it is not on the public views, so it waits for nobody.
        await Sql.InsertPaperAsync(db, "2612.00043", "A paper of the firehose");
        await Sql.ExecuteAsync(db, """
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2612.00042', 'huggingface', current_date, 1, 'New');
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2612.00043', 'arxiv:cs.LG', current_date, 1, 'New');
            """);
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var (_, home) = await HtmlPages.GetAsync(admin, "/admin");
        var review = home.QuerySelectorAll(".attention a").Single(a => a.TextContent.Contains("no tag", StringComparison.Ordinal));
        Assert.Equal("1 paper on the curated days of the past 7 days has no tag yet.", review.TextContent.Trim());
        var (_, list) = await HtmlPages.GetAsync(admin, "/" + review.GetAttribute("href"));
        // The list is every untagged paper on a curated day, newest listed first.
        Assert.Equal(["2612.00042"], list.QuerySelectorAll("tbody .arxiv-id").Select(id => id.TextContent).Where(id => id.StartsWith("2612.", StringComparison.Ordinal)));
        Assert.All(list.QuerySelectorAll("tbody .paper-tags"), tags => Assert.Equal("", tags.TextContent));

        var tag = list.QuerySelector("#bulk-tag option")!.GetAttribute("value")!;
        await AdminSession.SubmitAsync(admin, "/admin/papers?untagged=true", "form#bulk", ("Bulk.Papers", "2612.00042"), ("Bulk.Tag", tag), ("Bulk.Action", "tag"));
        var (_, after) = await HtmlPages.GetAsync(admin, "/admin");
        Assert.DoesNotContain(after.QuerySelectorAll(".attention a"), a => a.TextContent.Contains("no tag", StringComparison.Ordinal));
    }
}
