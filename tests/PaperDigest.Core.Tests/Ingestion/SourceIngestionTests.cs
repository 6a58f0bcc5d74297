using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

/// <summary>The sources fetched from a loopback emulation of Hugging Face and arXiv, faults included.</summary>
public sealed class SourceIngestionTests(TestDatabase database, FakeSources sources)
    : IClassFixture<TestDatabase>, IClassFixture<FakeSources>, IAsyncLifetime
{
    private static readonly DateOnly ApiDay = new(2026, 7, 15);
    private static readonly DateOnly PageDay = new(2024, 8, 1);
    private readonly string diagnostics = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "diagnostics-" + Guid.NewGuid().ToString("N")[..8]);

    public async ValueTask InitializeAsync()
    {
        await database.ResetAsync();
        sources.Reset();
    }

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(diagnostics))
            Directory.Delete(diagnostics, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ADayComesFromTheApiWithAnIdentifyingUserAgent()
    {
        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal((IngestionRunStatus.Succeeded, 2), (run.Status, run.NewCount));
        Assert.Equal(2, await CountAsync(db => db.Listings.CountAsync(l => l.Day == ApiDay)));
        Assert.All(sources.Requests, r => Assert.StartsWith("PaperDigest/", r.UserAgent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunLeftRunningByAKilledAppIsRecordedAsFailedByTheNextRunAndALiveOneIsLeftAlone()
    {
        // A process of this host that has ended (no process has id 0x3FFFFFFF), one still alive (this one), one of
        // another host: only age can condemn that one.
        var endedHere = Environment.MachineName + "/1073741823/20260101T000000.000";
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO ingestion_runs (source, origin, started_at, status, new_count, updated_count, unchanged_count, rejected_count, run_by)
            VALUES ('huggingface', 'killed long ago', now() - interval '2 hours', 'Running', 0, 0, 0, 0, 'elsewhere/1/20260101T000000.000'),
                   ('huggingface', 'killed just now', now(), 'Running', 0, 0, 0, 0, '{endedHere}'),
                   ('huggingface', 'this process, still going', now(), 'Running', 0, 0, 0, 0, '{RunnerProcess.Identity}'),
                   ('huggingface', 'another host, still going', now(), 'Running', 0, 0, 0, 0, 'elsewhere/1/20260101T000000.000');
            """);

        await RunAsync(ListingSources.HuggingFace, ApiDay);

        Assert.Equal(["another host, still going|Running", "killed just now|Failed", "killed long ago|Failed", "this process, still going|Running"],
            await Sql.StringsAsync(database.ConnectionString,
                "SELECT origin || '|' || status FROM ingestion_runs WHERE origin NOT LIKE 'http%' ORDER BY origin"));
    }

    [Fact]
    public async Task ASourceOnALoopbackAddressIsRefusedUnlessAllowedAndNothingIsRequested()
    {
        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay, settings: new() { ["Ingestion:AllowPrivateAddresses"] = "false" }));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("is a private or loopback address, which sources may not use", run.Error, StringComparison.Ordinal);
        Assert.Empty(sources.Requests);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("18.160.10.5", true)]
    [InlineData("2606:4700::6810:85e5", true)]
    public void OnlyPublicAddressesArePublic(string address, bool isPublic)
    {
        Assert.Equal(isPublic, Core.Ingestion.Fetching.PublicAddresses.IsPublic(System.Net.IPAddress.Parse(address)));
    }

    [Fact]
    public async Task AnUnchangedDayIsNotModifiedAndWritesNothing()
    {
        await RunAsync(ListingSources.HuggingFace, ApiDay);
        var papersBefore = await CountAsync(db => db.Papers.CountAsync());

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.NotModified, run.Status);
        Assert.NotEmpty(sources.Requests.Last().IfNoneMatch);
        Assert.Equal(papersBefore, await CountAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task NotFoundOnBothRoutesFailsTheRunAndSchedulesTheNextAttempt()
    {
        sources.Enqueue("/api/daily_papers", Fault.Status(404));
        sources.Enqueue("/papers/date", Fault.Status(404));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("404", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Papers.CountAsync()));
        await using var db = database.CreateContext();
        var health = await db.SourceHealth.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, health.ConsecutiveFailures);
        Assert.True(health.NextAttemptAt > DateTimeOffset.UtcNow);
        Assert.Contains("404", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScheduledRunSkipsASourceInBackoffButAnExplicitOneRuns()
    {
        sources.Enqueue("/api/daily_papers", Fault.Status(404));
        sources.Enqueue("/papers/date", Fault.Status(404));
        await RunAsync(ListingSources.HuggingFace, ApiDay);

        var scheduled = await RunAsync(ListingSources.HuggingFace, ApiDay, honourBackoff: true);
        var explicitRun = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Empty(scheduled);
        Assert.Equal(IngestionRunStatus.Succeeded, explicitRun.Status);
        await using var db = database.CreateContext();
        var health = await db.SourceHealth.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((0, null), (health.ConsecutiveFailures, health.NextAttemptAt));
        Assert.NotNull(health.LastSuccessAt);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedAfterItsRetryAfter()
    {
        sources.Enqueue("/api/daily_papers", Fault.Status(429, retryAfterSeconds: 1));
        var clock = Stopwatch.StartNew();

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.Succeeded, run.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}, before the 1 s Retry-After");
        Assert.Equal(2, sources.Requests.Count(r => r.PathAndQuery.StartsWith("/api/daily_papers?date=2026-07-15&p=0", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AServerErrorIsRetriedThenSucceeds()
    {
        sources.Enqueue("/api/daily_papers", Fault.Status(500));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal((IngestionRunStatus.Succeeded, 2), (run.Status, run.NewCount));
    }

    [Fact]
    public async Task ASourceThatNeverAnswersFailsTheRunWithinItsTimeouts()
    {
        var answered = 0;
        var slow = Enumerable.Repeat(Fault.Delay(TimeSpan.FromMinutes(1), () => Interlocked.Increment(ref answered)), 3).ToArray();
        sources.Enqueue("/api/daily_papers", slow);
        sources.Enqueue("/papers/date", slow);

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("did not answer", run.Error, StringComparison.Ordinal);
        // The fetcher gave up on every slow answer (its 1 s attempt timeout): none was waited out.
        Assert.Equal(0, Volatile.Read(ref answered));
        Assert.Contains(sources.Requests, r => r.PathAndQuery.StartsWith("/api/daily_papers", StringComparison.Ordinal));
        Assert.Contains(sources.Requests, r => r.PathAndQuery.StartsWith("/papers/date", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATruncatedBodyFailsTheRunAndWritesNothing()
    {
        sources.Enqueue("/api/daily_papers", Fault.Truncated("[{\"paper\": {\"id\": \"2607.00001\""));
        sources.Enqueue("/papers/date", Fault.Status(404));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("cut short", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task ABodyOverTheLimitIsRefused()
    {
        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, PageDay, settings: new() { ["Ingestion:MaxBodyBytes"] = "5000" }));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("5000", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task APageThatTakesTooLongToParseFailsTheRunWithinItsBudgetAndIsKept()
    {
        // Hundreds of thousands of unclosed, nested elements: legal to send, slow to build into a tree. The API route,
        // tried next, answers with JSON of no known shape, so the run fails with both reasons.
        var nested = "<html><body>" + string.Concat(Enumerable.Repeat("<div><span><a>", 150_000)) + "</body></html>";
        sources.Enqueue("/papers/date", Fault.Body(nested, "text/html"));
        sources.Enqueue("/api/daily_papers", Fault.Body("[" + string.Concat(Enumerable.Repeat("[", 60)) + "]", "application/json"));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, PageDay, settings: new()
        {
            ["Ingestion:HuggingFace:PreferredRoute"] = "Page",
            ["Ingestion:MaxParseTime"] = "00:00:00.100",
        }));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("parsing it took longer than 0.1 s", run.Error, StringComparison.Ordinal);
        Assert.Contains(Directory.GetFiles(diagnostics), f => new FileInfo(f).Length > nested.Length);
        Assert.Equal(0, await CountAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task APageWithoutItsDataStillGivesTheDayFromItsCards()
    {
        var stripped = SourceFixtures.ReadText("huggingface/html/papers-date-2024-08-01.html")
            .Replace("data-target=\"DailyPapers\"", "data-target=\"Removed\"", StringComparison.Ordinal);
        sources.Enqueue("/papers/date", Fault.Body(stripped, "text/html"));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, PageDay, settings: new() { ["Ingestion:HuggingFace:PreferredRoute"] = "Page" }));

        Assert.Equal((IngestionRunStatus.Succeeded, 13), (run.Status, run.NewCount));
        await using var db = database.CreateContext();
        Assert.Equal(94, (await db.Papers.SingleAsync(p => p.ArxivId == "2407.21783", TestContext.Current.CancellationToken)).Upvotes);
    }

    [Fact]
    public async Task JsonOfTheWrongShapeIsAFormatChangeAndThePageIsKept()
    {
        sources.Enqueue("/api/daily_papers", Fault.Body("{\"error\": \"Invalid date\"}", "application/json"));
        sources.Enqueue("/papers/date", Fault.Body("<html><body>New design, no cards</body></html>", "text/html"));

        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, ApiDay));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("Format changed", run.Error, StringComparison.Ordinal);
        Assert.Contains(Directory.GetFiles(diagnostics), f => File.ReadAllText(f).Contains("Invalid date", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(db => db.Papers.CountAsync()));
    }

    [Fact]
    public async Task AnUnknownDateRedirectedToPapersIsAnEmptyDayNotTodaysList()
    {
        var run = Assert.Single(await RunAsync(ListingSources.HuggingFace, new DateOnly(2030, 1, 1), settings: new() { ["Ingestion:HuggingFace:PreferredRoute"] = "Page" }));

        Assert.Equal(IngestionRunStatus.Empty, run.Status);
        Assert.Equal(0, await CountAsync(db => db.Listings.CountAsync()));
    }

    [Fact]
    public async Task ArxivCategoriesAreListedUnderTheirOwnNameAndMissingAbstractsAreLookedUp()
    {
        var runs = await RunAsync(ListingSources.Arxiv, new DateOnly(2022, 11, 22), settings: new() { ["Ingestion:Arxiv:Categories:0"] = "astro-ph.CO" });

        Assert.Equal(2, runs.Count);
        Assert.Equal((IngestionRunStatus.Succeeded, 89), (runs[0].Status, runs[0].NewCount));
        Assert.Equal(IngestionRunStatus.Succeeded, runs[1].Status);
        Assert.Contains(sources.Requests, r => r.PathAndQuery.StartsWith("/api/query?id_list=", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.Equal(["arxiv:astro-ph.CO"], await db.Listings.Select(l => l.Source).Distinct().ToListAsync(TestContext.Current.CancellationToken));
        // Every listed paper lacked an abstract (listing pages have none) and now has the one the API gave for it.
        var papers = await db.Papers.ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(89, papers.Count);
        Assert.All(papers, paper => Assert.Equal(FakeSources.AbstractOf(paper.ArxivId), paper.Abstract));
        Assert.Equal(89, runs[1].UpdatedCount);
    }

    [Fact]
    public async Task TitlesStoredWithTheBrowsersMathRenderingAreLookedUpAgainWhateverTheirDay()
    {
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, abstract, authors, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2411.00001', 'Reevaluating H0H_0 Tension', 'An abstract.', '{}', now(), now(), 0, 0),
              ('2411.00002', 'RX J0513.9−69510513.9-6951 revisited', 'An abstract.', '{}', now(), now(), 0, 0),
              ('2411.00003', 'Reevaluating $H_0$ Tension', 'An abstract.', '{}', now(), now(), 0, 0),
              ('2411.00004', 'A plain title', 'An abstract.', '{}', now(), now(), 0, 0),
              ('2411.00005', 'Lacking an abstract', '', '{}', now(), now(), 0, 0),
              ('2411.00006', 'Hugging Face H0H_0 pick', 'An abstract.', '{}', now(), now(), 0, 0),
              ('2411.00007', '$F(R)$ gravity inflationary model with $(R+R_0)^{3/2}$ term', 'An abstract.', '{}', now(), now(), 0, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2411.00001', 'arxiv:astro-ph', '2020-01-06', 1, 'New'), ('2411.00002', 'arxiv:astro-ph', '2020-01-06', 2, 'New'),
              ('2411.00003', 'arxiv:astro-ph', '2020-01-06', 3, 'New'), ('2411.00004', 'arxiv:astro-ph', '2020-01-06', 4, 'New'),
              ('2411.00005', 'arxiv:astro-ph', '2024-11-22', 1, 'New'), ('2411.00006', 'huggingface', '2020-01-06', 1, 'New'),
              ('2411.00007', 'arxiv:astro-ph', '2020-01-06', 5, 'New');
            """);
        await using var provider = CoreServices.Create(database.ConnectionString, sources.Settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
        await using var scope = provider.CreateAsyncScope();

        var ids = await scope.ServiceProvider.GetRequiredService<ListingStore>()
            .ToLookUpAsync(ListingSources.Arxiv, new DateOnly(2024, 11, 22), new DateOnly(2024, 11, 22), 100, TestContext.Current.CancellationToken);

        // The garbled arXiv titles of an old day, and the abstract the window lacks; not the clean ones, nor another source's.
        Assert.Equal(["2411.00001", "2411.00002", "2411.00005"], ids);
    }

    private async Task<IReadOnlyList<IngestionRun>> RunAsync(string source, DateOnly day, bool honourBackoff = false, Dictionary<string, string?>? settings = null)
    {
        var configuration = sources.Settings.ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Ingestion:MaxRetries"] = "2",
            ["Ingestion:AttemptTimeout"] = "00:00:01",
            ["Ingestion:DiagnosticsDirectory"] = diagnostics,
        })
        {
            configuration[key] = value;
        }
        foreach (var (key, value) in settings ?? [])
            configuration[key] = value;

        await using var provider = CoreServices.Create(database.ConnectionString, configuration);
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SourceIngestion>()
            .RunAsync(source, day, day, honourBackoff, progress: null, TestContext.Current.CancellationToken);
    }

    private async Task<int> CountAsync(Func<PaperDigestDbContext, Task<int>> count)
    {
        await using var db = database.CreateContext();
        return await count(db);
    }
}
