using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Data;

public sealed class MigrationTests(PostgresServer server)
{
    [Fact]
    public async Task TheMigrationsApplyToAnEmptyDatabase()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        await using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString));

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var tables = await Sql.StringsAsync(connectionString, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
        Assert.Superset(
            new HashSet<string> { "papers", "listings", "paper_metrics", "tags", "paper_tags", "ingestion_runs", "data_protection_keys" },
            tables.ToHashSet());
        var extensions = await Sql.StringsAsync(connectionString, "SELECT extname FROM pg_extension");
        Assert.Contains("pg_trgm", extensions);
        Assert.Contains("unaccent", extensions);
    }

    [Fact]
    public void TheMigrationsDescribeTheModelAsItIs()
    {
        // A change to the model (an index filter, a column) without its migration would reach no database.
        using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create("Host=unused"));

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task TheSearchVectorWeighsTitleOverAbstractAndIgnoresAccents()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await Sql.ExecuteAsync(connectionString, """
            INSERT INTO papers (arxiv_id, title, abstract, authors, first_seen_at, updated_at, upvotes, comments)
            VALUES ('2401.00001', 'Café networks', 'Nothing about drinks.', ARRAY['Zoë Müller'], now(), now(), 0, 0),
                   ('2401.00002', 'Other work', 'A cafe appears only here.', ARRAY['Ann Lee'], now(), now(), 0, 0)
            """);

        var ranked = await Sql.StringsAsync(connectionString, """
            SELECT arxiv_id FROM papers
            WHERE search_vector @@ websearch_to_tsquery('english', paperdigest_unaccent('cafe'))
            ORDER BY ts_rank(search_vector, websearch_to_tsquery('english', paperdigest_unaccent('cafe'))) DESC
            """);
        var byAuthor = await Sql.StringsAsync(connectionString,
            "SELECT arxiv_id FROM papers WHERE search_vector @@ websearch_to_tsquery('english', paperdigest_unaccent('zoe muller'))");
        var plan = string.Join('\n', await Sql.StringsAsync(connectionString,
            "SET enable_seqscan = off; EXPLAIN SELECT arxiv_id FROM papers WHERE search_vector @@ websearch_to_tsquery('english', 'cafe')"));

        Assert.Equal(["2401.00001", "2401.00002"], ranked);
        Assert.Equal(["2401.00001"], byAuthor);
        Assert.Contains("ix_papers_search_vector", plan, StringComparison.Ordinal);
    }
}
