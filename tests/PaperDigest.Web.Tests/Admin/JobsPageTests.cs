using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin/jobs against the app's real, clustered Quartz scheduler.</summary>
public sealed class JobsPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<string> StateOfAsync(HttpClient client, string job)
    {
        var (_, page) = await HtmlPages.GetAsync(client, "/admin/jobs");
        return page.QuerySelector($"tbody tr[data-job='{job}'] .job-state")!.TextContent;
    }

    // Run now has a form of its own, which asks once more for the digest jobs; the box is ticked here.
    private static Task<HttpResponseMessage> PressAsync(HttpClient client, string job, string action) =>
        AdminSession.SubmitAsync(client, "/admin/jobs", $"form{(action == "run" ? ".job-run" : ":not(.job-run)")}:has(input[name='Command.Job'][value='{job}'])",
            ("Command.Action", action), ("Command.Confirmed", "true"));

    [Fact]
    public async Task EachJobShowsItsScheduleAndNextRun()
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var (response, page) = await HtmlPages.GetAsync(client, "/admin/jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("tbody tr").ToDictionary(row => row.GetAttribute("data-job")!);
        Assert.Equal(["IngestListingsJob", "PruneLinkTokensJob", "SendDailyDigestJob", "SendWeeklyDigestJob"], rows.Keys.Order(StringComparer.Ordinal));
        // The test app moves every schedule to 2099, so nothing fires by itself.
        Assert.All(rows.Values, row => Assert.Contains("2099-01-01 00:00", row.TextContent, StringComparison.Ordinal));
        Assert.Equal(("Daily digest", "Scheduled"), (rows["SendDailyDigestJob"].QuerySelector("th")!.TextContent, rows["SendDailyDigestJob"].QuerySelector(".job-state")!.TextContent));
        // Ingestion is switched per source; its job offers no second, overlapping switch.
        Assert.Null(rows["IngestListingsJob"].QuerySelector("button[value=pause]"));
        Assert.NotNull(rows["SendDailyDigestJob"].QuerySelector("button[value=pause]"));
    }

    [Theory]
    [InlineData("0 7 * * * ?", "every hour at :07 UTC")]
    [InlineData("0 30 7 * * ?", "every day at 07:30 UTC")]
    [InlineData("0 30 7 ? * MON", "every Monday at 07:30 UTC")]
    [InlineData("0 15 3 * * ?", "every day at 03:15 UTC")]
    [InlineData("0 0/5 * * * ?", "0 0/5 * * * ?")]
    [InlineData("0 0 0 1 1 ? 2099", "0 0 0 1 1 ? 2099")]
    public void SchedulesReadAsWordsAndAnythingElseAsWritten(string cron, string words) =>
        Assert.Equal(words, PaperDigest.Web.Jobs.JobWording.Schedule(cron));

    [Fact]
    public async Task PausingAndResumingAJobIsShownAndAudited()
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var paused = await PressAsync(client, "SendDailyDigestJob", "pause");

        Assert.Contains("Daily digest is paused", await paused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("Paused", await StateOfAsync(client, "SendDailyDigestJob"));
        var (_, pausedPage) = await HtmlPages.GetAsync(client, "/admin/jobs");
        Assert.Equal("paused", pausedPage.QuerySelector("tr[data-job=SendDailyDigestJob] td[data-label='Next run']")!.TextContent);
        await PressAsync(client, "SendDailyDigestJob", "resume");
        Assert.Equal("Scheduled", await StateOfAsync(client, "SendDailyDigestJob"));
        Assert.Equal(["job.pause", "job.resume"], await Sql.StringsAsync(app.Database.ConnectionString,
            "SELECT action FROM audit_entries WHERE subject = 'job SendDailyDigestJob' ORDER BY id"));
    }

    [Fact]
    public async Task AnActionIsAnsweredWithARedirectSoReloadingShowsThePageInsteadOfRepeatingIt()
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var posted = await AdminSession.PostFormAsync(client, "/admin/jobs", "form:not(.job-run):has(input[name='Command.Job'][value='PruneLinkTokensJob'])",
            ("Command.Action", "pause"));

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal("/admin/jobs", posted.Headers.Location!.AbsolutePath);
        var (_, shown) = await HtmlPages.GetAsync(client, posted.Headers.Location.PathAndQuery);
        Assert.Contains("Prune old email links and delivery records is paused", shown.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        // The reload a curator makes: the page again, without the notice, and the job paused once.
        var (_, reloaded) = await HtmlPages.GetAsync(client, posted.Headers.Location.PathAndQuery);
        Assert.Null(reloaded.QuerySelector(".notice"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            "SELECT count(*) FROM audit_entries WHERE subject = 'job PruneLinkTokensJob' AND action = 'job.pause'"));
        await PressAsync(client, "PruneLinkTokensJob", "resume");
    }

    [Fact]
    public async Task RunNowStartsTheJobAndAsksOnceMoreForADigest()
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);
        var (_, page) = await HtmlPages.GetAsync(client, "/admin/jobs");
        Assert.NotNull(page.QuerySelector("form.job-run:has(input[value='SendWeeklyDigestJob']) input[type=checkbox][required]"));
        Assert.Null(page.QuerySelector("form.job-run:has(input[value='IngestListingsJob']) input[type=checkbox]"));

        var unconfirmed = await AdminSession.SubmitAsync(client, "/admin/jobs", "form.job-run:has(input[value='SendWeeklyDigestJob'])", ("Command.Action", "run"));
        Assert.Contains("Tick the box beside Run now to confirm", await unconfirmed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM audit_entries WHERE action = 'job.run'"));

        await PressAsync(client, "SendWeeklyDigestJob", "run");

        // The weekly digest job opens an edition for the latest listing day (the app imported the sample on start).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM digest_editions WHERE frequency = 'Weekly'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The weekly digest job did not run within 30 s of Run now.");
            await Task.Delay(200, Cancel);
        }
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM audit_entries WHERE action = 'job.run'"));
    }

    [Theory]
    [InlineData("NoSuchJob", "pause")]
    [InlineData("SendDailyDigestJob", "delete")]
    public async Task ABogusJobOrActionChangesNothingAndSaysSo(string job, string action)
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var response = await AdminSession.SubmitAsync(client, "/admin/jobs", "tbody form", ("Command.Job", job), ("Command.Action", action));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That is not a job and action this page offers", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, $"SELECT count(*) FROM audit_entries WHERE subject = 'job {job}' AND action = 'job.{action}'"));
    }
}
