using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin/sources with both sources pointed at the in-process fake Hugging Face and arXiv.</summary>
public sealed class SourcesPageTests(PostgresServer server, FakeSources sources) : IClassFixture<FakeSources>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2024, 5, 27);
    private string connectionString = "";
    private PaperDigestAppFactory app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        connectionString = await server.CreateDatabaseAsync();
        app = new PaperDigestAppFactory(connectionString, settings: sources.Settings);
        app.StartServer();
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient admin, string formSelector, params (string Name, string Value)[] values) =>
        AdminSession.SubmitAsync(admin, "/admin/sources", formSelector, values);

    [Fact]
    public async Task TheArxivSourceShowsEachCategorysLastListingSoOneThatStoppedStandsOut()
    {
        await Sql.InsertPaperAsync(connectionString, "2411.00001", "Only in one category");
        await Sql.ExecuteAsync(connectionString, """
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2411.00001', 'arxiv:cs.LG', date '2024-11-22', 1, 'New')
            """);
        var admin = await AdminSession.SignedInClientAsync(app);

        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/sources");

        var rows = page.QuerySelectorAll("section[data-source=arxiv] .arxiv-categories tbody tr")
            .ToDictionary(row => row.GetAttribute("data-category")!, row => row.QuerySelector("td.when")!.TextContent);
        Assert.Equal("2024-11-22", rows["cs.LG"]);
        Assert.Equal("never", rows["cs.CL"]);
        Assert.Null(page.QuerySelector("section[data-source=huggingface] .arxiv-categories"));
    }

    // The page follows a "Run now" until it has ended; its progress line then.
    private static async Task<string> ProgressOnceEndedAsync(HttpClient admin)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string progress;
        do
        {
            await Task.Delay(200, Cancel);
            var (_, page) = await HtmlPages.GetAsync(admin, "/admin/sources");
            progress = page.QuerySelector("section[data-source=huggingface] .source-progress")!.TextContent;
            Assert.True(DateTime.UtcNow < deadline, "The run did not end within 60 s: " + progress);
        }
        while (progress.Contains("running", StringComparison.Ordinal));
        return progress;
    }

    [Fact]
    public async Task RunNowIngestsTheChosenDayInTheBackgroundAndThePageFollowsIt()
    {
        var admin = await AdminSession.SignedInClientAsync(app);

        var started = await SubmitAsync(admin, "section[data-source=huggingface] form.source-run", ("Run.First", "2024-05-27"), ("Run.Last", "2024-05-27"));

        Assert.Contains("huggingface is being run for 2024-05-27", await started.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var progress = await ProgressOnceEndedAsync(admin);

        Assert.Contains("finished, 1 page done", progress, StringComparison.Ordinal);
        Assert.Equal("Succeeded", await Sql.ScalarAsync<string>(connectionString,
            "SELECT status FROM ingestion_runs WHERE origin LIKE '%2024-05-27%' ORDER BY id DESC LIMIT 1"));
        var (_, after) = await HtmlPages.GetAsync(admin, "/admin/sources");
        Assert.Contains("2024-05-27", after.QuerySelector("section[data-source=huggingface] tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM audit_entries WHERE action = 'source.run' AND subject = 'source huggingface'"));
    }

    [Fact]
    public async Task ARunAskedOfOneInstanceIsFollowedOnAnotherBecauseItsProgressIsInTheDatabase()
    {
        await using var other = new PaperDigestAppFactory(connectionString, settings: sources.Settings);
        other.StartServer();
        var here = await AdminSession.SignedInClientAsync(app);
        var there = await AdminSession.SignedInClientAsync(other);

        await SubmitAsync(here, "section[data-source=huggingface] form.source-run", ("Run.First", "2024-05-27"), ("Run.Last", "2024-05-27"));

        Assert.Contains("2024-05-27: finished, 1 page done", await ProgressOnceEndedAsync(there), StringComparison.Ordinal);
        Assert.Equal("Succeeded", await Sql.ScalarAsync<string>(connectionString, "SELECT state FROM background_tasks ORDER BY id DESC LIMIT 1"));
    }

    [Fact]
    public async Task ADisabledSourceIsSkippedBySchedulesButStillRunsWhenAskedAndIsAudited()
    {
        var admin = await AdminSession.SignedInClientAsync(app);

        var response = await SubmitAsync(admin, "section[data-source=huggingface] form", ("Switch.Enabled", "False"));

        Assert.Contains("Scheduled runs of huggingface are off.", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ingestion = scope.ServiceProvider.GetRequiredService<SourceIngestion>();
            Assert.Empty(await ingestion.RunAsync("huggingface", Day, Day, honourBackoff: true, progress: null, Cancel));
            Assert.Single(await ingestion.RunAsync("huggingface", Day, Day, honourBackoff: false, progress: null, Cancel));
        }
        await SubmitAsync(admin, "section[data-source=huggingface] form", ("Switch.Enabled", "True"));
        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT disabled FROM source_health WHERE source = 'huggingface'"));
        Assert.Equal(["source.disable", "source.enable"], await Sql.StringsAsync(connectionString,
            "SELECT action FROM audit_entries WHERE subject = 'source huggingface' ORDER BY id"));
    }

    [Fact]
    public async Task AFailedRunSaysFailedAndTheHealthPanelCountsEveryKindOfRun()
    {
        var admin = await AdminSession.SignedInClientAsync(app);
        // The sample imported at start is on record as runs, though no scheduled run has happened.
        var (_, before) = await HtmlPages.GetAsync(admin, "/admin/sources");
        Assert.DoesNotContain("never", Panel(before, "Last success"), StringComparison.Ordinal);
        sources.Enqueue("/api/daily_papers", Enumerable.Repeat(Fault.Status(500), 20).ToArray());
        sources.Enqueue("/papers/date", Enumerable.Repeat(Fault.Status(500), 20).ToArray());

        await SubmitAsync(admin, "section[data-source=huggingface] form.source-run", ("Run.First", "2024-05-27"), ("Run.Last", "2024-05-27"));

        Assert.Contains("2024-05-27: failed, 1 page done", await ProgressOnceEndedAsync(admin), StringComparison.Ordinal);
        sources.Reset();

        static string Panel(AngleSharp.Dom.IDocument page, string term) =>
            page.QuerySelectorAll("section[data-source=huggingface] dt").Single(dt => dt.TextContent == term).NextElementSibling!.TextContent;
    }

    [Theory]
    [InlineData("huggingface", "2024-01-01", "2024-03-01", "at most 31 days apart")]
    [InlineData("huggingface", "2024-05-27", "2024-05-01", "on or before the last")]
    [InlineData("nature", "2024-05-27", "2024-05-27", "That is not a source this app has")]
    [InlineData("huggingface", "yesterday", "2024-05-27", "Choose a source and two days")]
    public async Task ABadRunRequestIsRefusedInOneSentence(string source, string first, string last, string message)
    {
        var admin = await AdminSession.SignedInClientAsync(app);

        var response = await SubmitAsync(admin, "section[data-source=arxiv] form.source-run", ("Run.Source", source), ("Run.First", first), ("Run.Last", last));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
