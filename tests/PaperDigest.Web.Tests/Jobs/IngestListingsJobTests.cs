using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Testing;
using PaperDigest.Web.Jobs;
using Quartz;

namespace PaperDigest.Web.Tests.Jobs;

public sealed class IngestListingsJobTests(PostgresServer server, FakeSources sources) : IClassFixture<FakeSources>
{
    [Fact]
    public async Task OneFiringOnTwoClusteredInstancesRunsOnceAndIngestsEverySource()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var settings = new Dictionary<string, string>(sources.Settings) { ["Ingestion:Arxiv:Categories:0"] = "astro-ph.CO", ["Ingestion:RescrapeDays"] = "1" };
        await using var first = new PaperDigestAppFactory(connectionString, settings: settings);
        await using var second = new PaperDigestAppFactory(connectionString, settings: settings);
        first.StartServer();
        second.StartServer();

        var scheduler = await first.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        await scheduler.TriggerJob(new JobKey(nameof(IngestListingsJob)), TestContext.Current.CancellationToken);

        // Today and yesterday from Hugging Face, then the category page from arXiv. (Its 2022 papers are too old for
        // the abstract look-up, which covers only the days being ingested.)
        const long expectedRuns = 3;
        var runs = await WaitForAsync(connectionString, "SELECT count(*) FROM ingestion_runs WHERE origin NOT LIKE 'sample:%'", expectedRuns);
        // A firing is in qrtz_fired_triggers while any instance runs it; once none is, no instance can add runs.
        await Poll.UntilAsync(async () => await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM qrtz_fired_triggers") == 0,
            "the firing to finish on every instance");

        Assert.Equal(expectedRuns, runs);
        Assert.Equal(expectedRuns, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM ingestion_runs WHERE origin NOT LIKE 'sample:%'"));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM source_health WHERE consecutive_failures = 0"));
        Assert.Equal(89L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM listings WHERE source = 'arxiv:astro-ph.CO'"));
        // The schedule comes from configuration (the test factory's never-firing cron), stored in the shared job store.
        Assert.Equal("0 0 0 1 1 ? 2099", await Sql.ScalarAsync<string>(connectionString, "SELECT cron_expression FROM qrtz_cron_triggers"));
    }

    [Fact]
    public async Task AScheduledRunRefreshesTheCountsOfAPaperListedSixDaysAgo()
    {
        var connectionString = await server.CreateDatabaseAsync();
        // Today is 24 August 2026; the sample's 18 August is six days back, at the edge of trending's window.
        var clock = new ShiftedClock(new DateTimeOffset(2026, 8, 24, 8, 0, 0, TimeSpan.Zero));
        var settings = new Dictionary<string, string>(sources.Settings) { ["Ingestion:Arxiv:Categories:0"] = "astro-ph.CO" };
        await using var factory = new PaperDigestAppFactory(connectionString, settings: settings);
        await using var app = factory.WithWebHostBuilder(host => host.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        app.StartServer();
        var listed = SourceFixtures.HuggingFaceApiPapers("2026-08-18").First(paper => paper.GetProperty("upvotes").GetInt32() > 0);
        var id = listed.GetProperty("id").GetString();
        // The counts as a scrape three or more days ago left them.
        await Sql.ExecuteAsync(connectionString, $"UPDATE papers SET upvotes = 0 WHERE arxiv_id = '{id}'");

        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        await scheduler.TriggerJob(new JobKey(nameof(IngestListingsJob)), TestContext.Current.CancellationToken);
        await WaitForAsync(connectionString, "SELECT count(*) FROM ingestion_runs WHERE origin LIKE 'http%2026-08-18%' AND status <> 'Running'", 1);

        Assert.Equal(listed.GetProperty("upvotes").GetInt32(), await Sql.ScalarAsync<int>(connectionString, $"SELECT upvotes FROM papers WHERE arxiv_id = '{id}'"));
    }

    private static async Task<long> WaitForAsync(string connectionString, string countSql, long expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        long count;
        while ((count = await Sql.ScalarAsync<long>(connectionString, countSql)) < expected && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(200, TestContext.Current.CancellationToken);
        return count;
    }
}
