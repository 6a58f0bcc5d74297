using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;
using PaperDigest.Web.Jobs;
using Quartz;

namespace PaperDigest.Web.Tests.Jobs;

public sealed class SendDigestJobTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<DigestRun> RunAsync(PaperDigestAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, Cancel);
    }

    // One paper, "Robot hands", listed on the edition's day: something for every reader's digest.
    private static async Task ListOnePaperAsync(string connectionString)
    {
        await Sql.InsertPaperAsync(connectionString, "2611.00001", "Robot hands");
        await Sql.ExecuteAsync(connectionString, "INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2611.00001', 'huggingface', '2026-11-26', 1, 'New')");
    }

    [Fact]
    public async Task TwoInstancesFiringTheDigestAtOnceMailEachSubscriberOnce()
    {
        const int readers = 120;
        var connectionString = await server.CreateDatabaseAsync();
        await ListOnePaperAsync(connectionString);
        for (var i = 0; i < readers; i++)
            await Sql.InsertSubscriberAsync(connectionString, $"reader{i}@example.com");
        // A server that takes 20 ms a message and small claims: the edition lasts long enough that both instances
        // are sure to take part in it.
        await using var smtp = new TestSmtpServer { BeforeReplying = (_, cancellationToken) => Task.Delay(20, cancellationToken) };
        var settings = new Dictionary<string, string>(smtp.Settings) { ["Digests:BatchSize"] = "10" };
        await using var first = new PaperDigestAppFactory(connectionString, settings: settings);
        await using var second = new PaperDigestAppFactory(connectionString, settings: settings);
        first.StartServer();
        second.StartServer();

        // Each instance is asked directly, as two schedulers firing the same minute would be.
        var runs = await Task.WhenAll(RunAsync(first), RunAsync(second));

        Assert.All(runs, run => Assert.True(run.Sent > 0, "Both instances sent part of the edition."));
        Assert.Equal(readers, runs.Sum(run => run.Sent));
        var recipients = smtp.Received.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(readers, recipients.Count);
        Assert.Equal(readers, recipients.Distinct().Count());
        Assert.Equal(readers, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM digest_deliveries WHERE state = 'Sent'"));
    }

    [Fact]
    public async Task WhenTheMailServerIsDownTheJobTriesAgainByItselfAndTheDigestGoesOutOnceItIsBack()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await ListOnePaperAsync(connectionString);
        await Sql.InsertSubscriberAsync(connectionString, "patient@example.com");
        // A port where a mail server was and will be again; nothing listens there when the job first fires.
        int port;
        Dictionary<string, string> settings;
        await using (var earlier = new TestSmtpServer())
            (port, settings) = (earlier.Port, new Dictionary<string, string>(earlier.Settings) { ["Digests:RetryDelay"] = "00:00:01" });
        await using var app = new PaperDigestAppFactory(connectionString, settings: settings);
        app.StartServer();

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Cancel);
        await scheduler.TriggerJob(new JobKey(nameof(SendDailyDigestJob)), Cancel);
        await Poll.UntilAsync(async () => await Sql.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM qrtz_triggers WHERE trigger_group = 'digest-retries'") > 0, "a retry to be scheduled");
        Assert.Equal("Pending", await Sql.ScalarAsync<string>(connectionString, "SELECT state FROM digest_deliveries"));

        await using var smtp = TestSmtpServer.OnPort(port);

        var message = await smtp.WaitForAsync("patient@example.com", timeout: TimeSpan.FromSeconds(60));
        Assert.Contains("Robot hands", message.TextBody, StringComparison.Ordinal);
        await Poll.UntilAsync(async () => await Sql.ScalarAsync<string>(connectionString, "SELECT state FROM digest_deliveries") == "Sent", "the row to be marked sent");
        Assert.Single(smtp.Received);
    }
}
