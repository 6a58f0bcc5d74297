using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;

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
        await using (var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString)))
        {
            var present = await db.Papers.CountAsync();
            if (present >= count)
            {
                Console.WriteLine($"{dataDirectory} already holds {present:N0} papers");
                return;
            }
        }

        var listings = GeneratedPapers.Listings(count);
        var done = 0;
        await Parallel.ForEachAsync(listings.Chunk(10), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (pages, _) =>
        {
            await IngestBenchmark.IngestAsync(connectionString, pages);
            if (Interlocked.Add(ref done, pages.Sum(p => p.Papers.Count)) % 50_000 < 10_000)
                Console.WriteLine($"{done:N0} of {count:N0} papers ingested");
        });
        Console.WriteLine($"{dataDirectory} holds {count:N0} papers");
    }

    /// <summary>Applies any migration added since the folder was filled (on a million papers, some take minutes).</summary>
    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString));
        db.Database.SetCommandTimeout(DatabaseStartup.MigrationTimeout);
        await db.Database.MigrateAsync();
    }
}
