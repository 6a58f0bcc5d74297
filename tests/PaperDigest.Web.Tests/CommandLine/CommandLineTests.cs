using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.CommandLine;

public sealed class CommandLineTests(PostgresServer server, FakeSources sources) : IClassFixture<FakeSources>
{
    [Fact]
    public async Task IngestFetchesARangeShowingEachRunAsItEnds()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var outcome = await AppProcess.RunAsync(
            ["ingest", "--source", "hf", "--from", "2026-07-15", "--to", "2026-07-16"],
            new Dictionary<string, string>(sources.Settings) { ["ConnectionStrings:PaperDigest"] = connectionString },
            TestContext.Current.CancellationToken);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("[1] " + new Uri(sources.BaseUrl, "/papers/date/2026-07-15").AbsoluteUri + ": succeeded, 2 new", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("[2] " + new Uri(sources.BaseUrl, "/papers/date/2026-07-16").AbsoluteUri + ": empty", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("Ingested huggingface for 2026-07-15..2026-07-16: 2 new", outcome.Output, StringComparison.Ordinal);
        Assert.Equal(2L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM ingestion_runs"));
    }

    [Fact]
    public async Task MigrateCreatesTheSchemaAndExitsZero()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);

        var outcome = await RunAsync(connectionString, "migrate");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("The database schema is up to date.", outcome.Output, StringComparison.Ordinal);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM papers"));
    }

    [Fact]
    public async Task ImportingTheSameFilesTwiceStoresEachPaperOnce()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        var files = new[] { SourceFixtures.HuggingFaceApiPath("2024-05-27"), SourceFixtures.HuggingFaceApiPath("2026-08-21") };

        var first = await RunAsync(connectionString, ["import", .. files]);
        var second = await RunAsync(connectionString, ["import", .. files]);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("2026-08-21.json: succeeded, 17 new, 0 updated, 0 unchanged, 0 rejected", first.Output, StringComparison.Ordinal);
        Assert.Contains("2026-08-21.json: succeeded, 0 new, 0 updated, 17 unchanged, 0 rejected", second.Output, StringComparison.Ordinal);
        Assert.Equal(30L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM papers"));
        Assert.Equal(30L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM listings"));
    }

    [Fact]
    public async Task AnImportWithABadFileImportsTheRestAndExitsOne()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var bad = Path.Combine(Path.GetTempPath(), $"paperdigest-bad-{Guid.NewGuid():N}-2026-01-01.json");
        await File.WriteAllTextAsync(bad, "[{ truncated", TestContext.Current.CancellationToken);
        try
        {
            var outcome = await RunAsync(connectionString, "import", bad, SourceFixtures.HuggingFaceApiPath("2026-07-15"));

            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains($"{bad}: skipped, The Hugging Face response is not valid JSON", outcome.Output, StringComparison.Ordinal);
            Assert.Contains("1 of 2 files could not be imported", outcome.Output, StringComparison.Ordinal);
            Assert.Equal(2L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM papers"));
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task DateGivesTheDayToAFileWhoseContentAndNameCarryNone()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var undated = Path.Combine(Path.GetTempPath(), $"paperdigest-undated-{Guid.NewGuid():N}.json");
        File.Copy(SourceFixtures.HuggingFaceApiPath("2024-05-27"), undated);
        try
        {
            var withoutDate = await RunAsync(connectionString, "import", undated);
            var withDate = await RunAsync(connectionString, "import", "--date", "2024-05-27", undated);

            Assert.Equal(1, withoutDate.ExitCode);
            Assert.Contains("has no listing day", withoutDate.Output, StringComparison.Ordinal);
            Assert.Equal(0, withDate.ExitCode);
            Assert.Equal(13L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM listings WHERE day = '2024-05-27'"));
        }
        finally
        {
            File.Delete(undated);
        }
    }
    [Fact]
    public async Task DigestSendCountsADryRunThenWritesTheEditionToThePickupFolderWithoutSmtp()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        await RunAsync(connectionString, "import", SourceFixtures.HuggingFaceApiPath("2026-08-21"));
        await Sql.InsertSubscriberAsync(connectionString, "reader@example.com", maxPapers: 3);
        await Sql.InsertSubscriberAsync(connectionString, "weekly@example.com", frequency: "Weekly", maxPapers: 3);
        var pickup = Directory.CreateTempSubdirectory("paperdigest-pickup-").FullName;
        var environment = new Dictionary<string, string> { ["ConnectionStrings__PaperDigest"] = connectionString, ["Smtp__PickupDirectory"] = pickup };
        try
        {
            var dry = await AppProcess.RunAsync(["digest", "send", "daily", "--dry-run"], environment, TestContext.Current.CancellationToken);
            Assert.Empty(Directory.GetFiles(pickup));
            // In Production (as this process runs) links to the default localhost address would reach no reader.
            var refused = await AppProcess.RunAsync(["digest", "send", "daily"], environment, TestContext.Current.CancellationToken);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("Digests are not sent because their links would point at http://localhost:5046/, an address readers cannot open; set Site__BaseUrl",
                refused.Output, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(pickup));
            environment["Site__BaseUrl"] = "https://papers.example.org/";
            var real = await AppProcess.RunAsync(["digest", "send", "daily"], environment, TestContext.Current.CancellationToken);

            Assert.Equal((0, 0), (dry.ExitCode, real.ExitCode));
            Assert.Contains("Daily edition of 2026-08-21: 1 would be sent, 0 skipped", dry.Output, StringComparison.Ordinal);
            Assert.Contains("Daily edition of 2026-08-21: 1 sent, 0 skipped", real.Output, StringComparison.Ordinal);
            var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(pickup, "*.eml")), TestContext.Current.CancellationToken);
            Assert.Equal("reader@example.com", message.To.Mailboxes.Single().Address);
            Assert.Contains("https://papers.example.org/papers/2608.", message.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(pickup, recursive: true);
        }
    }

    [Fact]
    public async Task AdminCreateRefusesAWeakPasswordThenCreatesTheAccountFromAPasswordTypedAtThePrompt()
    {
        var connectionString = await server.CreateDatabaseAsync();

        var weak = await RunAsync(connectionString, "admin", "create", "--email", "curator@example.com", "--password", "short");
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("The admin was not created: Passwords must be at least 12 characters.", weak.Output, StringComparison.Ordinal);

        var typed = await AppProcess.RunAsync(["admin", "create", "--email", "curator@example.com"],
            new Dictionary<string, string> { ["ConnectionStrings__PaperDigest"] = connectionString }, TestContext.Current.CancellationToken,
            standardInput: "a long enough passphrase\n");
        Assert.Equal(0, typed.ExitCode);
        Assert.Contains("Admin curator@example.com created", typed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough passphrase", typed.Output, StringComparison.Ordinal);
        Assert.Equal("curator@example.com", await Sql.ScalarAsync<string>(connectionString, "SELECT email FROM admin_users"));
        Assert.StartsWith("AQAAAA", await Sql.ScalarAsync<string>(connectionString, "SELECT password_hash FROM admin_users"), StringComparison.Ordinal);
        Assert.Equal(1, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM audit_entries WHERE action = 'admin.create'"));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import", "--date", "tomorrow", "x.json")]
    [InlineData("ingest", "--source", "nature", "--date", "2026-07-15")]
    [InlineData("ingest", "--source", "hf", "--from", "2026-07-15")]
    [InlineData("frobnicate")]
    [InlineData("digest", "send", "monthly")]
    [InlineData("digest", "send", "daily", "--now")]
    [InlineData("admin", "create")]
    [InlineData("admin", "create", "--email")]
    public async Task AMisusedCommandSaysHowToCallItAndExitsTwo(params string[] arguments)
    {
        var outcome = await RunAsync("Host=127.0.0.1;Port=1;Database=unused", arguments);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Usage: ", outcome.Output, StringComparison.Ordinal);
        Assert.Single(outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("--urls=http://127.0.0.1:0")]
    public async Task AnUnreachableDatabaseIsOneClearLineAndExitCodeOne(string argument)
    {
        var outcome = await RunAsync("Host=127.0.0.1;Port=1;Database=nowhere;Timeout=3", argument);

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("The database could not be used (", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("check that it is running and that ConnectionStrings__PaperDigest is right.", outcome.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyLogFilePathLogsToTheConsoleOnlyAsTheContainerImageSetsIt()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);

        var outcome = await AppProcess.RunAsync(["migrate"],
            new Dictionary<string, string> { ["ConnectionStrings__PaperDigest"] = connectionString, ["Logging__FilePath"] = "" }, TestContext.Current.CancellationToken);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("The database schema is up to date.", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("INF]", outcome.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbedBackfillsEveryPaperWithAProgressBarAndThenHasNothingLeft()
    {
        var connectionString = await server.CreateDatabaseAsync();
        Assert.Equal(0, (await RunAsync(connectionString, "import", SourceFixtures.HuggingFaceApiPath("2026-08-21"))).ExitCode);

        var first = await RunAsync(connectionString, "embed");
        var second = await RunAsync(connectionString, "embed");

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Matches(@"\[#{30}\] 17 / 17 papers · \d+ papers/s · 0:00 left", first.Output);
        Assert.Contains("Embedded 17 papers with " + Core.Meaning.LocalEmbeddingGenerator.ModelId, first.Output, StringComparison.Ordinal);
        Assert.Contains("Embedded 0 papers", second.Output, StringComparison.Ordinal);
        Assert.Equal(17L, await Sql.ScalarAsync<long>(connectionString,
            "SELECT count(*) FROM paper_embeddings WHERE array_length(vector, 1) = 384 AND described_at = (SELECT updated_at FROM papers p WHERE p.arxiv_id = paper_embeddings.arxiv_id)"));
    }

    private static Task<AppProcess.Outcome> RunAsync(string connectionString, params string[] arguments) =>
        AppProcess.RunAsync(arguments, new Dictionary<string, string> { ["ConnectionStrings__PaperDigest"] = connectionString }, TestContext.Current.CancellationToken);
}
