using Npgsql;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Reliability;

/// <summary>
/// The app killed (SIGKILL, no shutdown code) in the middle of an ingest and of a digest, then started again: the restart
/// finishes the work, and nothing is stored or mailed twice. Each is stopped at a point the test controls, not by timing.
/// </summary>
public sealed class KilledAppTests(PostgresServer server, FakeSources sources) : IClassFixture<FakeSources>, IAsyncLifetime
{
    private const string FirstDay = "2026-08-18";
    private const string LastDay = "2026-08-21";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string logFolder = Directory.CreateTempSubdirectory("paperdigest-killed-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        sources.Reset();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(logFolder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task KilledWhileStoringTheLastDayOfARangeTheRestartStoresItAndEveryRowExistsOnce()
    {
        var reference = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await AppProcess.RunAsync(IngestRange, IngestEnvironment(reference, "reference"), Cancel)).ExitCode);
        sources.Reset();

        // The last day's request is held until the test has locked the search vocabulary, so that day's transaction
        // stops half-way, after its papers and listings are written and before it commits. The app dies there.
        var database = await server.CreateDatabaseAsync();
        var lastDayRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lockTaken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sources.Enqueue($"/api/daily_papers?date={LastDay}", Fault.Hold(lastDayRequested, lockTaken.Task,
            Fault.Body(SourceFixtures.ReadText($"huggingface/api/{LastDay}.json"), "application/json")));
        using (var killed = AppProcess.Start(IngestRange, IngestEnvironment(database, "killed")))
        {
            await lastDayRequested.Task.WaitAsync(Patience, Cancel);
            await using var vocabularyLock = await LockSearchWordsAsync(database);
            lockTaken.SetResult();
            await Poll.UntilAsync(() => AppSessionIsWaitingForALockAsync(database), "the app's transaction to reach the locked table");
            await killed.KillAsync();
        }
        await Poll.UntilAsync(async () => await OtherSessionsAsync(database) == 0, "the killed app's sessions to end");

        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM listings WHERE day = '{LastDay}'"));
        Assert.True(await Sql.ScalarAsync<long>(database, $"SELECT count(*) FROM listings WHERE day = '{FirstDay}'") > 0, "The first day committed before the kill.");

        var restart = await AppProcess.RunAsync(IngestRange, IngestEnvironment(database, "restart"), Cancel);

        Assert.Equal(0, restart.ExitCode);
        var expected = await StoredRowsAsync(reference);
        Assert.Contains(expected, row => row.StartsWith("listing ", StringComparison.Ordinal) && row.Contains(LastDay, StringComparison.Ordinal));
        Assert.Equal(expected, await StoredRowsAsync(database));
        // The killed run is recorded as cut short by the restart on the same host, not left "Running".
        Assert.Equal(["Failed"], await Sql.StringsAsync(database, $"SELECT status FROM ingestion_runs WHERE origin LIKE '%{LastDay}%' AND error LIKE 'The app stopped%'"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database, "SELECT count(*) FROM ingestion_runs WHERE status = 'Running'"));
        Assert.Contains("\"RunId\":", await File.ReadAllTextAsync(LogFile("restart"), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledWhileTheServerHoldsAMessageTheRestartSendsTheRestAndEachReaderGetsOneCopy()
    {
        const int readers = 60, heldMessage = 25;
        var database = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await AppProcess.RunAsync(["import", SourceFixtures.HuggingFaceApiPath(LastDay)], DigestEnvironment(database, null, "import"), Cancel)).ExitCode);
        for (var i = 0; i < readers; i++)
            await Sql.InsertSubscriberAsync(database, $"reader{i}@example.com", maxPapers: 3);
        await using var smtp = new TestSmtpServer();

        // The server takes in one message's data and never answers it: the app is killed while it waits, with that
        // message not accepted and the ones before it accepted and marked.
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        smtp.BeforeReplying = async (number, cancellationToken) =>
        {
            if (number != heldMessage)
                return;
            held.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        };
        using (var killed = AppProcess.Start(["digest", "send", "daily"], DigestEnvironment(database, smtp, "killed")))
        {
            await held.Task.WaitAsync(Patience, Cancel);
            await Poll.UntilAsync(async () => await SentRowsAsync(database) == heldMessage - 1, "the accepted messages to be marked sent");
            await killed.KillAsync();
        }
        Assert.Equal(heldMessage - 1, smtp.Received.Count);
        smtp.BeforeReplying = (_, _) => Task.CompletedTask;
        // The killed run's claims hold for the lease (2 s here), then any sender may take them.
        await Poll.UntilAsync(async () => await Sql.ScalarAsync<long>(database,
            "SELECT count(*) FROM digest_deliveries WHERE state = 'Sending' AND claimed_until > now()") == 0, "the killed run's claims to lapse");

        var restart = await AppProcess.RunAsync(["digest", "send", "daily"], DigestEnvironment(database, smtp, "restart"), Cancel);

        Assert.Equal(0, restart.ExitCode);
        Assert.Contains($"{readers - heldMessage + 1} sent", restart.Output, StringComparison.Ordinal);
        var recipients = smtp.Received.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(Enumerable.Range(0, readers).Select(i => $"reader{i}@example.com").Order(), recipients.Order());
        Assert.Equal(readers, await SentRowsAsync(database));
        // Each message the restart sent is one structured event carrying its delivery, edition, subscriber and Message-ID.
        var log = await File.ReadAllLinesAsync(LogFile("restart"), Cancel);
        Assert.Contains(log, line => line.Contains("Digest run of edition {EditionId}", StringComparison.Ordinal) && line.Contains("\"EditionId\":", StringComparison.Ordinal));
        var sendEvents = log.Where(line => line.Contains("\"DeliveryId\":", StringComparison.Ordinal)).ToList();
        Assert.Equal(readers - heldMessage + 1, sendEvents.Count);
        Assert.All(sendEvents, line => Assert.Contains("\"MessageId\":\"digest-daily-20260821-", line, StringComparison.Ordinal));
    }

    private static Task<long> SentRowsAsync(string connectionString) =>
        Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM digest_deliveries WHERE state = 'Sent'");

    private Dictionary<string, string> DigestEnvironment(string connectionString, TestSmtpServer? smtp, string logName) =>
        new(smtp?.Settings ?? new Dictionary<string, string>())
        {
            ["ConnectionStrings:PaperDigest"] = connectionString,
            ["Digests:ClaimLease"] = "00:00:02",
            ["Logging:FilePath"] = LogFile(logName),
        };

    private static readonly string[] IngestRange = ["ingest", "--source", "hf", "--from", FirstDay, "--to", LastDay];

    private Dictionary<string, string> IngestEnvironment(string connectionString, string logName) =>
        new(sources.Settings) { ["ConnectionStrings:PaperDigest"] = connectionString, ["Logging:FilePath"] = LogFile(logName) };

    // Serilog puts the day into a rolling file's name.
    private string LogFile(string name) => Directory.GetFiles(logFolder, name + "-*.clef").SingleOrDefault() ?? Path.Combine(logFolder, name + "-.clef");

    // Every row ingestion writes, in a form that leaves out only what differs between two runs (times and generated ids).
    private static async Task<List<string>> StoredRowsAsync(string connectionString) => await Sql.StringsAsync(connectionString, """
        SELECT 'paper ' || arxiv_id || ' ' || title || ' ' || upvotes FROM papers ORDER BY arxiv_id;
        SELECT 'listing ' || arxiv_id || ' ' || source || ' ' || day || ' ' || rank FROM listings ORDER BY arxiv_id, source, day;
        SELECT 'metric ' || arxiv_id || ' ' || upvotes FROM paper_metrics ORDER BY arxiv_id, upvotes;
        SELECT 'tag ' || p.arxiv_id || ' ' || t.slug FROM paper_tags p JOIN tags t ON t.id = p.tag_id ORDER BY 1;
        SELECT 'words ' || count(*) FROM search_words;
        """);

    private static async Task<NpgsqlConnection> LockSearchWordsAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Cancel);
        // Held until the connection closes: the open transaction keeps the lock, and closing rolls it back.
        await using var command = new NpgsqlCommand("BEGIN; LOCK TABLE search_words IN SHARE ROW EXCLUSIVE MODE;", connection);
        await command.ExecuteNonQueryAsync(Cancel);
        return connection;
    }

    private static async Task<bool> AppSessionIsWaitingForALockAsync(string connectionString) => await Sql.ScalarAsync<long>(connectionString,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0;

    private static Task<long> OtherSessionsAsync(string connectionString) => Sql.ScalarAsync<long>(connectionString,
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
}
