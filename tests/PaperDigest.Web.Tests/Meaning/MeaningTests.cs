using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Meaning;
using PaperDigest.Testing;
using PaperDigest.Web.Tests.Admin;

namespace PaperDigest.Web.Tests.Meaning;

public sealed class EmbeddingAppFixture(PostgresServer server) : WebAppFixture(server)
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Embeddings:Enabled"] = "true",
        ["Embeddings:Threads"] = "2",
    };

    /// <summary>Waits until every stored paper has a vector and this instance's index holds them all.</summary>
    public async Task EmbeddedAsync()
    {
        var index = Factory.Services.GetRequiredService<PaperVectorIndex>();
        await Poll.UntilAsync(async () =>
            await Sql.ScalarAsync<long>(Database.ConnectionString,
                "SELECT count(*) FROM papers p LEFT JOIN paper_embeddings e USING (arxiv_id) WHERE e.arxiv_id IS NULL OR e.described_at < p.updated_at") == 0
            && index.Count >= await Sql.ScalarAsync<long>(Database.ConnectionString, "SELECT count(*) FROM papers"),
            "every paper to be embedded and loaded", TimeSpan.FromSeconds(120));
    }
}

public sealed class MeaningTests(EmbeddingAppFixture app) : IClassFixture<EmbeddingAppFixture>
{
    [Fact]
    public async Task PapersAnImportAddsAreEmbeddedInTheBackgroundAndReachTheIndex()
    {
        await app.EmbeddedAsync();
        var index = app.Factory.Services.GetRequiredService<PaperVectorIndex>();
        Assert.True(index.Count >= 100, $"the shipped sample's papers are embedded at start ({index.Count})");

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var results = await scope.ServiceProvider.GetRequiredService<SavedFileImporter>()
                .ImportAsync([SourceFixtures.HuggingFaceApiPath("2024-05-27")], null, TestContext.Current.CancellationToken);
            Assert.True(results.Single().Succeeded, results.Single().Problem);
        }

        var imported = await Sql.StringsAsync(app.Database.ConnectionString, "SELECT arxiv_id FROM listings WHERE day = '2024-05-27'");
        Assert.NotEmpty(imported);
        await app.EmbeddedAsync();
        Assert.All(imported, id => Assert.True(index.Contains(id), $"{id} is in the index"));
        Assert.Equal((long)imported.Count, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            $"SELECT count(*) FROM paper_embeddings WHERE model = '{LocalEmbeddingGenerator.ModelId}' AND arxiv_id IN (SELECT arxiv_id FROM listings WHERE day = '2024-05-27')"));
    }

    [Fact]
    public async Task AnAuthorsNameAndAWholeTitleStayOnTopWhenMeaningIsFusedIn()
    {
        await app.EmbeddedAsync();
        var db = app.Database.ConnectionString;
        var paper = (await Sql.StringsAsync(db, "SELECT arxiv_id FROM papers WHERE cardinality(authors) > 2 ORDER BY arxiv_id LIMIT 1")).Single();
        var author = await Sql.ScalarAsync<string>(db, $"SELECT authors[2] FROM papers WHERE arxiv_id = '{paper}'");
        var title = await Sql.ScalarAsync<string>(db, $"SELECT title FROM papers WHERE arxiv_id = '{paper}'");
        // A common name ("Yuchen Li") may have written several of the papers: all of them come first.
        var byThem = await Sql.StringsAsync(db, $"SELECT arxiv_id FROM papers WHERE '{author.Replace("'", "''", StringComparison.Ordinal)}' = ANY(authors)");
        using var client = app.Factory.CreateClient();

        var (_, byAuthor) = await HtmlPages.GetAsync(client, "/search?q=" + Uri.EscapeDataString(author));
        var (_, byTitle) = await HtmlPages.GetAsync(client, "/search?q=" + Uri.EscapeDataString(title.ToUpperInvariant()));

        Assert.Equal("papers/" + paper, byTitle.QuerySelector(".search-results .paper-title a")?.GetAttribute("href"));
        var first = byAuthor.QuerySelectorAll(".search-results .paper-title a").Take(byThem.Count)
            .Select(a => a.GetAttribute("href")!["papers/".Length..]);
        Assert.Equal(byThem.Order(StringComparer.Ordinal), first.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheSourcesPageShowsTheBacklogTheModelAndTheIndex()
    {
        await app.EmbeddedAsync();
        await Sql.ExecuteAsync(app.Database.ConnectionString,
            "UPDATE paper_embeddings SET described_at = described_at - interval '1 day' WHERE arxiv_id IN (SELECT arxiv_id FROM papers ORDER BY arxiv_id LIMIT 3)");
        using var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/sources");

        var section = page.QuerySelector("#embeddings")!;
        Assert.Contains(LocalEmbeddingGenerator.ModelId, section.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", section.QuerySelector("[data-testid=embedding-backlog]")!.TextContent);
        Assert.Contains("Vectors in this instance", section.TextContent, StringComparison.Ordinal);
        // Told of nothing (the vectors were aged behind its back), the worker embeds them on the next change it hears of.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Core.Papers.PublicPageCache>().EvictAsync(TestContext.Current.CancellationToken);
        await app.EmbeddedAsync();
    }

    [Fact]
    public async Task RelatedPapersAreTheNearestByMeaningAndLeaveOutHiddenOnes()
    {
        await app.EmbeddedAsync();
        var paper = (await Sql.StringsAsync(app.Database.ConnectionString, "SELECT arxiv_id FROM papers WHERE hidden_at IS NULL ORDER BY upvotes DESC LIMIT 1")).Single();
        // The nearest papers computed by PostgreSQL from the stored vectors, independently of the in-memory index.
        var nearest = await Sql.StringsAsync(app.Database.ConnectionString, $"""
            SELECT other.arxiv_id FROM paper_embeddings mine, paper_embeddings other JOIN papers p USING (arxiv_id)
            WHERE mine.arxiv_id = '{paper}' AND other.arxiv_id <> mine.arxiv_id AND p.hidden_at IS NULL
            ORDER BY (SELECT sum(a::float8 * b::float8) FROM unnest(mine.vector, other.vector) AS t(a, b)) DESC LIMIT 8
            """);
        await app.ResetPageCacheAsync();

        var shown = await RelatedOnPageAsync(paper);

        Assert.Equal(5, shown.Count);
        Assert.Contains(nearest[0], shown);
        Assert.All(shown, id => Assert.Contains(id, nearest));

        await Sql.ExecuteAsync(app.Database.ConnectionString, $"UPDATE papers SET hidden_at = now() WHERE arxiv_id = '{nearest[0]}'");
        try
        {
            await app.ResetPageCacheAsync();
            var afterHiding = await RelatedOnPageAsync(paper);
            Assert.DoesNotContain(nearest[0], afterHiding);
            Assert.Equal(5, afterHiding.Count);
        }
        finally
        {
            await Sql.ExecuteAsync(app.Database.ConnectionString, $"UPDATE papers SET hidden_at = NULL WHERE arxiv_id = '{nearest[0]}'");
        }
    }

    private async Task<List<string>> RelatedOnPageAsync(string arxivId)
    {
        using var client = app.Factory.CreateClient();
        var (response, page) = await HtmlPages.GetAsync(client, $"/papers/{arxivId}");
        response.EnsureSuccessStatusCode();
        return page.QuerySelectorAll("section.related .paper-title a")
            .Select(a => a.GetAttribute("href")!["papers/".Length..]).ToList();
    }
}
