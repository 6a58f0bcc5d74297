using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;

namespace PaperDigest.Benchmarks;

/// <summary>
/// Bulk ingest: N generated papers in pages of 1,000 (one run and transaction each) into an empty database, then the
/// same again into the full one; the same-run baseline is COPY of the same paper and listing rows into tables shaped
/// like papers and listings, indexes and the generated search vector included. Medians of several runs.
/// </summary>
internal static class IngestBenchmark
{
    public static async Task RunAsync(int count, int runs)
    {
        var folder = Path.Combine("/var/tmp", "paperdigest-bench-ingest");
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        // A durable cluster, like the app's embedded one: fsync stays on.
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(Path.Combine(folder, "data")), NullLogger.Instance, CancellationToken.None);
        try
        {
            await cluster.EnsureDatabaseAsync("bench", CancellationToken.None);
            var connectionString = cluster.ConnectionString("bench");
            await using (var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString)))
                await db.Database.MigrateAsync();

            var listings = GeneratedPapers.Listings(count);
            List<double> first = [], again = [], copy = [];
            for (var run = 1; run <= runs; run++)
            {
                await ExecuteAsync(connectionString, "TRUNCATE papers, listings, paper_metrics, ingestion_runs RESTART IDENTITY CASCADE; DROP TABLE IF EXISTS papers_copy, listings_copy;");
                copy.Add(await TimeAsync(() => CopyAsync(connectionString, listings)));
                first.Add(await TimeAsync(() => IngestAsync(connectionString, listings)));
                again.Add(await TimeAsync(() => IngestAsync(connectionString, listings)));
                Console.WriteLine($"run {run}: COPY {count / copy[^1]:N0}/s, first ingest {count / first[^1]:N0}/s, re-ingest {count / again[^1]:N0}/s");
            }

            double Rate(List<double> seconds) => count / Median(seconds);
            Console.WriteLine($"papers: {count:N0} in pages of {GeneratedPapers.PapersPerDay:N0}; medians of {runs} runs");
            Console.WriteLine($"COPY baseline:        {Rate(copy),10:N0} papers/s");
            Console.WriteLine($"first ingest:         {Rate(first),10:N0} papers/s  ({Rate(first) / Rate(copy):P0} of COPY; target at least 33%)");
            Console.WriteLine($"re-ingest, unchanged: {Rate(again),10:N0} papers/s  ({Rate(again) / Rate(first):N1}x the first ingest; target at least 5x)");
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static async Task IngestAsync(string connectionString, IReadOnlyList<ScrapedListing> listings)
    {
        foreach (var listing in listings)
        {
            await using var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(connectionString));
            var service = new ListingIngestionService(new ListingStore(db, new PublicPageCache(), TimeProvider.System, NullLogger<ListingStore>.Instance));
            var run = await service.IngestAsync(ListingSources.HuggingFace, "bench", _ => Task.FromResult(new ParseResult([listing], [])), CancellationToken.None);
            if (run.Status == IngestionRunStatus.Failed)
                throw new InvalidOperationException("A benchmark page failed: " + run.Error);
        }
    }

    private static async Task CopyAsync(string connectionString, IReadOnlyList<ScrapedListing> listings)
    {
        await ExecuteAsync(connectionString, "CREATE TABLE papers_copy (LIKE papers INCLUDING ALL); CREATE TABLE listings_copy (LIKE listings INCLUDING ALL);");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var papers = await connection.BeginBinaryImportAsync(
            "COPY papers_copy (arxiv_id, title, abstract, authors, categories, upvotes, comments, first_seen_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var paper in listings.SelectMany(l => l.Papers))
            {
                await papers.StartRowAsync();
                await papers.WriteAsync(paper.ArxivId);
                await papers.WriteAsync(paper.Title);
                await papers.WriteAsync(paper.Abstract);
                await papers.WriteAsync(paper.Authors.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await papers.WriteAsync(paper.Categories.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await papers.WriteAsync(paper.Upvotes ?? 0);
                await papers.WriteAsync(paper.Comments ?? 0);
                await papers.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await papers.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }
            await papers.CompleteAsync();
        }
        await using (var rows = await connection.BeginBinaryImportAsync("COPY listings_copy (arxiv_id, source, day, rank, kind) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var listing in listings)
            {
                for (var i = 0; i < listing.Papers.Count; i++)
                {
                    await rows.StartRowAsync();
                    await rows.WriteAsync(listing.Papers[i].ArxivId);
                    await rows.WriteAsync(listing.Source);
                    await rows.WriteAsync(listing.Day, NpgsqlDbType.Date);
                    await rows.WriteAsync(i + 1);
                    await rows.WriteAsync("New");
                }
            }
            await rows.CompleteAsync();
        }
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        await work();
        return clock.Elapsed.TotalSeconds;
    }

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
