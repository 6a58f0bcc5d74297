using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Testing;
using PaperDigest.Web.Jobs;
using Quartz;

namespace PaperDigest.Web.Tests.Jobs;

public sealed class SendDigestJobTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheMailServerIsDownTheJobTriesAgainByItselfAndTheDigestGoesOutOnceItIsBack()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await Sql.InsertPaperAsync(connectionString, "2611.00001", "Robot hands");
        await Sql.ExecuteAsync(connectionString, "INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2611.00001', 'huggingface', '2026-11-26', 1, 'New')");
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
