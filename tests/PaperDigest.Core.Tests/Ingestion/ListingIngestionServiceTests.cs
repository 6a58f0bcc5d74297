using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class ListingIngestionServiceTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2024, 5, 27);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ImportingTheSampleTwiceStoresEachPaperOnce()
    {
        string[] files = [SourceFixtures.HuggingFaceApiPath("2024-05-27"), SourceFixtures.HuggingFaceApiPath("2026-08-21")];

        var first = await ImportAsync(files);
        var counts = await CountsAsync();
        var firstUpdatedAt = await database.CreateContext().Papers.MaxAsync(p => p.UpdatedAt, TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromHours(1));
        var second = await ImportAsync(files);

        Assert.All(first, r => Assert.Equal(IngestionRunStatus.Succeeded, r.Run!.Status));
        Assert.Equal([13, 17], first.Select(r => r.Run!.NewCount));
        Assert.Equal((30, 30, 30), counts);
        Assert.All(second, r => Assert.Equal((0, 0), (r.Run!.NewCount, r.Run.UpdatedCount)));
        Assert.Equal([13, 17], second.Select(r => r.Run!.UnchangedCount));
        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(firstUpdatedAt, await database.CreateContext().Papers.MaxAsync(p => p.UpdatedAt, TestContext.Current.CancellationToken));
        Assert.Equal(4, await database.CreateContext().IngestionRuns.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AHiddenPaperIsStillUpdatedByIngestionAndStaysHidden()
    {
        string[] files = [SourceFixtures.HuggingFaceApiPath("2024-05-27")];
        await ImportAsync(files);
        var first = await database.CreateContext().Papers.OrderBy(p => p.ArxivId).Select(p => new { p.ArxivId, p.Upvotes }).FirstAsync(TestContext.Current.CancellationToken);
        var (id, upvotes) = (first.ArxivId, first.Upvotes);
        await Sql.ExecuteAsync(database.ConnectionString, $"UPDATE papers SET hidden_at = now(), upvotes = 0 WHERE arxiv_id = '{id}'");
        clock.Advance(TimeSpan.FromHours(1));

        var again = Assert.Single(await ImportAsync(files));

        Assert.True(again.Succeeded, again.Problem);
        Assert.Equal(0, again.Run!.NewCount);
        Assert.Equal(upvotes, await Sql.ScalarAsync<int>(database.ConnectionString, $"SELECT upvotes FROM papers WHERE arxiv_id = '{id}'"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM papers WHERE hidden_at IS NOT NULL"));
        Assert.DoesNotContain(id, await database.CreateContext().Papers.Select(p => p.ArxivId).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestingEverySavedApiDayTwiceWritesNothingTheSecondTime()
    {
        var folder = SourceFixtures.ExtractAllHuggingFaceApiDays();
        try
        {
            var first = await ImportAsync([folder.FullName]);
            var counts = await CountsAsync();
            var second = await ImportAsync([folder.FullName]);

            Assert.Equal(63, first.Count);
            Assert.All(first, r => Assert.True(r.Succeeded, r.Problem));
            Assert.True(counts.Papers > 1000, $"only {counts.Papers} papers");
            Assert.All(second, r => Assert.Equal((0, 0), (r.Run!.NewCount, r.Run.UpdatedCount)));
            Assert.Equal(counts, await CountsAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AChangedMetricUpdatesThePaperAndAddsOneSnapshot()
    {
        await IngestAsync(Paper("2405.15738", "A title", upvotes: 10, comments: 1));
        clock.Advance(TimeSpan.FromHours(3));

        var run = await IngestAsync(Paper("2405.15738", "A title", upvotes: 25, comments: 1));

        Assert.Equal(1, run.UpdatedCount);
        await using var db = database.CreateContext();
        var paper = await db.Papers.Include(p => p.MetricSnapshots).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(25, paper.Upvotes);
        Assert.Equal([10, 25], paper.MetricSnapshots.OrderBy(s => s.ObservedAt).Select(s => s.Upvotes));
        Assert.Equal(clock.GetUtcNow(), paper.MetricSnapshots.Max(s => s.ObservedAt));
        // Counts are not a change to what the paper says: feeds date entries by that.
        Assert.Equal(paper.FirstSeenAt, paper.UpdatedAt);
    }

    [Fact]
    public async Task AChangedDescriptionDatesThePapersLastChange()
    {
        await IngestAsync(Paper("2405.15738", "A title", upvotes: 10));
        clock.Advance(TimeSpan.FromHours(3));

        await IngestAsync(Paper("2405.15738", "A corrected title", upvotes: 10));

        await using var db = database.CreateContext();
        var paper = await db.Papers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(clock.GetUtcNow(), paper.UpdatedAt);
        Assert.Equal(clock.GetUtcNow(), paper.LastChangedAt);
    }

    [Fact]
    public async Task ASourceThatLacksAFieldDoesNotEraseIt()
    {
        await IngestAsync(Paper("2405.15738", "A title") with { GithubUrl = "https://github.com/a/b", AiSummary = "Summary", AiKeywords = ["x"] });

        var run = await IngestAsync(Paper("2405.15738", "A title"));

        Assert.Equal(1, run.UnchangedCount);
        await using var db = database.CreateContext();
        var paper = await db.Papers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("https://github.com/a/b", paper.GithubUrl);
        Assert.Equal("Summary", paper.AiSummary);
        Assert.Equal(["x"], paper.AiKeywords);
    }

    [Fact]
    public async Task AFailureHalfwayThroughAPageLeavesTheDatabaseAsItWas()
    {
        await IngestAsync(Paper("2405.00001", "Already stored", upvotes: 1));
        var before = await CountsAsync();

        // The second paper's title is longer than the column allows, so the page fails after the first was added.
        var run = await IngestAsync(
            Paper("2405.00001", "Already stored", upvotes: 99),
            Paper("2405.00002", new string('x', 5000)));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.False(string.IsNullOrWhiteSpace(run.Error));
        Assert.Equal(before, await CountsAsync());
        await using var db = database.CreateContext();
        Assert.Equal(1, (await db.Papers.SingleAsync(TestContext.Current.CancellationToken)).Upvotes);
        var recorded = await db.IngestionRuns.SingleAsync(r => r.Id == run.Id, TestContext.Current.CancellationToken);
        Assert.Equal((IngestionRunStatus.Failed, clock.GetUtcNow()), (recorded.Status, recorded.FinishedAt));
    }

    [Fact]
    public async Task BrokenAndUnrecognisedFilesAreReportedAndTheOthersStillImport()
    {
        var folder = Directory.CreateTempSubdirectory("paperdigest-import-");
        try
        {
            File.Copy(SourceFixtures.HuggingFaceApiPath("2026-07-15"), Path.Combine(folder.FullName, "2026-07-15.json"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "2026-07-16.json"), "[{\"paper\": {\"id\"", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "2026-07-17.html"), "<html>Too many requests</html>", TestContext.Current.CancellationToken);

            var results = await ImportAsync([folder.FullName, Path.Combine(folder.FullName, "missing.json")]);

            Assert.Equal(4, results.Count);
            Assert.True(results[0].Succeeded);
            Assert.Equal(2, results[0].Run!.NewCount);
            Assert.Equal(IngestionRunStatus.Failed, results[1].Run!.Status);
            Assert.Contains("not valid JSON", results[1].Problem, StringComparison.Ordinal);
            Assert.Null(results[2].Run);
            Assert.Equal("not a saved Hugging Face or arXiv response", results[2].Problem);
            Assert.Equal("no such file or folder", results[3].Problem);
            Assert.Equal(2, await database.CreateContext().Papers.CountAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task APageWhoseEntriesAllFailToParseFailsAsAFormatChange()
    {
        var run = await IngestAsync(new ParseResult([], ["entry 1: 'x' is not an arXiv id"]));

        Assert.Equal(IngestionRunStatus.Failed, run.Status);
        Assert.Contains("format may have changed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyDayIsAnEmptyRunNotAnError()
    {
        var run = await IngestAsync(new ParseResult([], []));

        Assert.Equal(IngestionRunStatus.Empty, run.Status);
        Assert.Null(run.Error);
    }

    [Fact]
    public async Task ListingsKeepTheSourcesRankAndARerankMovesIt()
    {
        await IngestAsync(Paper("2405.00001", "First"), Paper("2405.00002", "Second"));

        await IngestAsync(Paper("2405.00002", "Second"), Paper("2405.00001", "First"));

        await using var db = database.CreateContext();
        var ranks = await db.Listings.OrderBy(l => l.Rank).Select(l => l.ArxivId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["2405.00002", "2405.00001"], ranks);
    }

    [Fact]
    public async Task AReplacementUpdatesThePaperButListsItNowhere()
    {
        await IngestAsync(Paper("2405.00001", "First version"));

        var run = await IngestAsync(new ParseResult([], []) { Unlisted = [Paper("2405.00001", "Revised version") with { Categories = ["cs.LG"] }] });

        Assert.Equal((IngestionRunStatus.Succeeded, 1), (run.Status, run.UpdatedCount));
        await using var db = database.CreateContext();
        var paper = await db.Papers.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Revised version", "cs.LG"), (paper.Title, paper.Categories.Single()));
        Assert.Equal(1, await db.Listings.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CrossListedPapersAreListedAsSuch()
    {
        var listing = new ScrapedListing(ListingSources.Arxiv, Day, [Paper("2405.00001", "Own"), Paper("2405.00002", "Borrowed")])
        {
            CrossListed = new HashSet<string> { "2405.00002" },
        };

        await IngestAsync(new ParseResult([listing], []));

        await using var db = database.CreateContext();
        var kinds = await db.Listings.OrderBy(l => l.Rank).Select(l => l.Kind).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([ListingKind.New, ListingKind.CrossList], kinds);
    }

    [Fact]
    public async Task EverySavedFormatIsRecognisedByItsContent()
    {
        string[] files =
        [
            SourceFixtures.PathOf("huggingface/html/papers-date-2024-08-01.html"),
            SourceFixtures.PathOf("arxiv/listing/astro-ph.CO-pastweek-2022-11-22.html"),
            SourceFixtures.PathOf("arxiv/atom/id_list=1111.2011v2.xml"),
            SourceFixtures.HuggingFaceApiPath("2026-07-15"),
        ];

        var results = await ImportAsync(files);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Problem));
        Assert.Equal([13, 89, 1, 2], results.Select(r => r.Run!.NewCount));
        Assert.Equal([ListingSources.HuggingFace, ListingSources.Arxiv, ListingSources.Arxiv, ListingSources.HuggingFace], results.Select(r => r.Run!.Source));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Listings.CountAsync(l => l.ArxivId == "1111.2011", TestContext.Current.CancellationToken));
        Assert.Equal(13, await db.Listings.CountAsync(l => l.Day == new DateOnly(2024, 8, 1), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RuleTagsFollowThePaperAndCuratorTagsStay()
    {
        await IngestAsync(Paper("2405.00001", "An agent for robots") with { Categories = ["cs.CL"] });
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO tags (slug, name) VALUES ('favourites', 'Favourites');
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT '2405.00001', id, 'Curator' FROM tags WHERE slug = 'favourites';
            """);
        var unchanged = await IngestAsync(Paper("2405.00001", "An agent for robots") with { Categories = ["cs.CL"] });

        var changed = await IngestAsync(Paper("2405.00001", "A plain title") with { Categories = ["cs.CL"] });

        Assert.Equal(1, unchanged.UnchangedCount);
        Assert.Equal(1, changed.UpdatedCount);
        var tags = await Sql.StringsAsync(database.ConnectionString,
            "SELECT t.slug || ':' || pt.origin FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY t.slug");
        Assert.Equal(["favourites:Curator", "language-models:Rule"], tags);
    }

    private static ScrapedPaper Paper(string id, string title, int? upvotes = null, int? comments = null) =>
        new() { ArxivId = id, Title = title, Authors = ["Ann Lee"], Upvotes = upvotes, Comments = comments };

    [Fact]
    public async Task LinksThatAreNotHttpAreNotStored()
    {
        await IngestAsync(new ScrapedPaper
        {
            ArxivId = "2405.00003", Title = "Links", GithubUrl = "javascript:alert(1)", ProjectUrl = "data:text/html,<script>alert(1)</script>",
            ThumbnailUrl = "/relative.png",
        });

        Assert.Equal("||", await Sql.ScalarAsync<string>(database.ConnectionString,
            "SELECT coalesce(github_url, '') || '|' || coalesce(project_url, '') || '|' || coalesce(thumbnail_url, '') FROM papers WHERE arxiv_id = '2405.00003'"));
    }

    [Fact]
    public async Task ARuleACuratorAddedTagsPapersAtIngestAlongsideTheBuiltInOnes()
    {
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO tags (slug, name) VALUES ('proteins', 'Proteins');
            INSERT INTO tag_rules (tag_id, kind, field, pattern, created_by, created_at)
            SELECT id, 'Regex', 'Abstract', 'protein (folding|design)', 'curator@example.com', now() FROM tags WHERE slug = 'proteins';
            """);

        var run = await IngestAsync(
            new ScrapedPaper { ArxivId = "2405.00001", Title = "Agents that plan", Abstract = "Agents for protein design.", AiKeywords = ["LLM agents"] },
            new ScrapedPaper { ArxivId = "2405.00002", Title = "Proteins", Abstract = "Nothing to see." });

        Assert.Equal(IngestionRunStatus.Succeeded, run.Status);
        Assert.Equal(["2405.00001 agents", "2405.00001 language-models", "2405.00001 proteins"], await Sql.StringsAsync(database.ConnectionString,
            "SELECT pt.arxiv_id || ' ' || t.slug FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id ORDER BY 1"));
    }

    [Fact]
    public async Task ACategoryRuleTagsArxivOnlyPapersOfASavedListing()
    {
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO tags (slug, name) VALUES ('cosmology', 'Cosmology');
            INSERT INTO tag_rules (tag_id, kind, pattern, created_by, created_at)
            SELECT id, 'Category', 'astro-ph.CO', 'curator@example.com', now() FROM tags WHERE slug = 'cosmology';
            """);

        await ImportAsync([SourceFixtures.PathOf("arxiv/listing/astro-ph-pastweek-2024-11-23.html")]);

        // Papers no curating source listed, tagged by the rule because arXiv files them under astro-ph.CO.
        var tagged = await Sql.ScalarAsync<long>(database.ConnectionString, """
            SELECT count(*) FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id JOIN papers p ON p.arxiv_id = pt.arxiv_id
            WHERE t.slug = 'cosmology' AND 'astro-ph.CO' = ANY(p.categories)
              AND NOT EXISTS (SELECT FROM listings l WHERE l.arxiv_id = p.arxiv_id AND l.source = 'huggingface')
            """);
        Assert.True(tagged > 0);
        Assert.Equal(tagged, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM papers WHERE 'astro-ph.CO' = ANY(categories)"));
    }

    private Task<IngestionRun> IngestAsync(params ScrapedPaper[] papers) =>
        IngestAsync(new ParseResult([new ScrapedListing(ListingSources.HuggingFace, Day, papers)], []));

    private async Task<IngestionRun> IngestAsync(ParseResult parsed)
    {
        await using var db = database.CreateContext();
        return await Service(db).IngestAsync(ListingSources.HuggingFace, "test", _ => Task.FromResult(parsed), TestContext.Current.CancellationToken);
    }

    private async Task<IReadOnlyList<FileImportResult>> ImportAsync(string[] paths)
    {
        await using var db = database.CreateContext();
        return await new SavedFileImporter(Service(db)).ImportAsync(paths, date: null, TestContext.Current.CancellationToken);
    }

    private ListingIngestionService Service(PaperDigestDbContext db) => new(new ListingStore(db, new PublicPageCache(), clock, NullLogger<ListingStore>.Instance));

    private async Task<(int Papers, int Listings, int Snapshots)> CountsAsync()
    {
        await using var db = database.CreateContext();
        return (await db.Papers.CountAsync(), await db.Listings.CountAsync(), await db.PaperMetrics.CountAsync());
    }
}
