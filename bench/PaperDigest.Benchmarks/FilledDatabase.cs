using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Meaning;

namespace PaperDigest.Benchmarks;

/// <summary>
/// A data folder the app can start on, holding COUNT generated papers ingested the normal way (tags and search
/// vectors included). A folder that already holds them is reused, because filling a million takes the better part of
/// an hour; two pages are ingested at a time, one per core.
/// </summary>
internal static class FilledDatabase
{
    public const string DatabaseName = "paperdigest";

    public static async Task FillAsync(string dataDirectory, int count)
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(dataDirectory), NullLogger.Instance, CancellationToken.None);
        await cluster.EnsureDatabaseAsync(DatabaseName, CancellationToken.None);
        var connectionString = cluster.ConnectionString(DatabaseName);
        await MigrateAsync(connectionString);
        await using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString));
        var present = await db.Papers.CountAsync();
        if (present >= count)
        {
            Console.WriteLine($"{dataDirectory} already holds {present:N0} papers");
        }
        else
        {
            await IngestAsync(connectionString, count);
            Console.WriteLine($"{dataDirectory} holds {count:N0} papers");
        }
        await AddVectorsAsync(db);
    }

    private static async Task IngestAsync(string connectionString, int count)
    {
        var listings = GeneratedPapers.Listings(count);
        var done = 0;
        await Parallel.ForEachAsync(listings.Chunk(10), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (pages, _) =>
        {
            await IngestBenchmark.IngestAsync(connectionString, pages);
            if (Interlocked.Add(ref done, pages.Sum(p => p.Papers.Count)) % 50_000 < 10_000)
                Console.WriteLine($"{done:N0} of {count:N0} papers ingested");
        });
    }

    /// <summary>
    /// Gives every paper without one a random unit vector stamped with the local model's name, so the app starts with
    /// nothing to embed, as a running site does: the model embeds 11 papers a second on this machine, which is hours at
    /// 100,000. Page costs do not depend on the vectors' values (the index reads every vector); searches still embed
    /// their query with the real model.
    /// </summary>
    private static async Task AddVectorsAsync(PaperDigestDbContext db)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        var added = await db.Database.ExecuteSqlAsync($"""
            WITH random_vectors AS (
                SELECT p.arxiv_id, p.updated_at,
                       ARRAY(SELECT random() - 0.5 FROM generate_series(1, {LocalEmbeddingGenerator.Dimensions}) WHERE p.arxiv_id IS NOT NULL) AS v
                FROM papers p
                WHERE NOT EXISTS (SELECT 1 FROM paper_embeddings e WHERE e.arxiv_id = p.arxiv_id))
            INSERT INTO paper_embeddings (arxiv_id, model, vector, described_at, embedded_at)
            SELECT arxiv_id, {LocalEmbeddingGenerator.ModelId},
                   ARRAY(SELECT (x / sqrt((SELECT sum(y * y) FROM unnest(v) y)))::real FROM unnest(v) x),
                   updated_at, now()
            FROM random_vectors
            """);
        if (added > 0)
            Console.WriteLine($"{added:N0} papers given generated vectors");
    }

    /// <summary>Applies any migration added since the folder was filled (on a million papers, some take minutes).</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString));
        db.Database.SetCommandTimeout(DatabaseStartup.MigrationTimeout);
        await db.Database.MigrateAsync();
    }
}
