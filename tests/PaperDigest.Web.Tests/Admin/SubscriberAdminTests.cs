using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin/subscribers and /admin/digests against real PostgreSQL and a real SMTP server.</summary>
public sealed class SubscriberAdminTests(MailAppFixture app) : IClassFixture<MailAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<long> SubscriberAsync(string email, string status = "Active", string[]? tags = null) =>
        Sql.InsertSubscriberAsync(app.Database.ConnectionString, email, status, tags: tags);

    [Fact]
    public async Task TheListCountsByStateFindsByAddressAndExportsCsvWithFormulasDisarmed()
    {
        await SubscriberAsync("ada@example.com");
        await SubscriberAsync("=cmd@example.com", status: "Paused", tags: ["agents", "robotics"]);
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/subscribers?q=ADA");
        var csv = await admin.GetAsync(new Uri("/admin/subscribers.csv", UriKind.Relative), Cancel);

        Assert.Equal("ada@example.com", Assert.Single(page.QuerySelectorAll("tbody th")).TextContent);
        var counts = page.QuerySelector(".admin-counts")!.TextContent;
        Assert.Contains("Active", counts, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,email,status,frequency,tags", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, line => line.Contains(",'=cmd@example.com,Paused,Daily,agents robotics,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASubscribersPageShowsTheirNextDigestAndDeletingThemIsAudited()
    {
        var id = await SubscriberAsync("grace@example.com");
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var (_, page) = await HtmlPages.GetAsync(admin, $"/admin/subscribers/{id}");
        Assert.NotEmpty(page.QuerySelectorAll(".digest-preview a[href*='/papers/']"));

        var deleted = await AdminSession.SubmitAsync(admin, $"/admin/subscribers/{id}", "main form", ("Delete.Confirmed", "true"));

        Assert.Equal("/admin/subscribers", deleted.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("grace@example.com and their delivery history are deleted.", await deleted.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM subscribers WHERE email = 'grace@example.com'"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            "SELECT count(*) FROM audit_entries WHERE action = 'subscriber.delete' AND subject = 'subscriber grace@example.com'"));
    }

    [Fact]
    public async Task ATestDigestReachesAnyAddressMarkedAsATest()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var response = await AdminSession.SubmitAsync(admin, "/admin/digests", "main form", ("Test.Address", "Tester@Example.com"), ("Test.Frequency", "Weekly"));

        Assert.Contains($"A test digest for tester@example.com was handed to the mail server at 127.0.0.1:{app.Smtp.Port}.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var message = await app.Smtp.WaitForAsync("tester@example.com");
        Assert.StartsWith("[Test] PaperDigest weekly:", message.Subject, StringComparison.Ordinal);
        Assert.NotNull(message.HtmlBody);
        Assert.NotNull(message.Headers["List-Unsubscribe"]);
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            "SELECT count(*) FROM audit_entries WHERE action = 'digest.send-test' AND subject = 'address tester@example.com'"));
    }

    [Fact]
    public async Task RetryFailedQueuesAnEditionsFailedMessagesForTheNextRun()
    {
        var id = await SubscriberAsync("bounced-once@example.com");
        long edition;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            app.Smtp.Reply = _ => 550;
            try
            {
                var run = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, Cancel);
                Assert.True(run.Failed >= 1, run.Describe(dryRun: false));
            }
            finally
            {
                app.Smtp.Reply = _ => 250;
            }
            edition = await Sql.ScalarAsync<long>(app.Database.ConnectionString, $"SELECT edition_id FROM digest_deliveries WHERE subscriber_id = {id}");
        }
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        // Other tests of this class may have left active subscribers, whose copies failed too.
        var failed = await Sql.ScalarAsync<long>(app.Database.ConnectionString, $"SELECT count(*) FROM digest_deliveries WHERE edition_id = {edition} AND state = 'Failed'");

        var response = await AdminSession.SubmitAsync(admin, "/admin/digests", $"form:has(input[name='Retry.Edition'][value='{edition}'])");

        Assert.Contains(failed == 1 ? "1 failed message is queued again" : $"{failed} failed messages are queued again",
            await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("Pending", await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT state FROM digest_deliveries WHERE subscriber_id = {id}"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            $"SELECT count(*) FROM audit_entries WHERE action = 'digest.retry-failed' AND subject = 'edition {edition}'"));
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, Cancel);
        await app.Smtp.WaitForAsync("bounced-once@example.com");
        Assert.Equal("Sent", await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT state FROM digest_deliveries WHERE subscriber_id = {id}"));
    }
}
