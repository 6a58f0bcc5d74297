using Microsoft.EntityFrameworkCore;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Papers;

namespace PaperDigest.Benchmarks;

/// <summary>
/// Server time of 50 real searches (Hugging Face titles and their keywords from the fixtures) through PaperSearch,
/// the code the search page runs, against a filled data folder: each query once to warm, then RUNS times.
/// </summary>
internal static class SearchLatencyBenchmark
{
    public static async Task RunAsync(string dataDirectory, int runs)
    {
        var queries = Queries();
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(dataDirectory), NullLogger.Instance, CancellationToken.None);
        await FilledDatabase.MigrateAsync(cluster.ConnectionString(FilledDatabase.DatabaseName));
        var options = PaperDigestDbContextOptions.Create(cluster.ConnectionString(FilledDatabase.DatabaseName));
        var timings = new List<double>();
        // The same-run baseline: the cheapest read a page does, one paper by primary key, through a fresh context the same way.
        var baseline = new List<double>();
        foreach (var query in queries)
        {
            for (var run = 0; run <= runs; run++)
            {
                await using (var lookup = new PaperDigestDbContext(options))
                {
                    var lookupClock = Stopwatch.StartNew();
                    await lookup.Papers.AsNoTracking().AnyAsync(p => p.ArxivId == "2601.00001");
                    if (run > 0)
                        baseline.Add(lookupClock.Elapsed.TotalMilliseconds);
                }
                await using var db = new PaperDigestDbContext(options);
                var clock = Stopwatch.StartNew();
                var results = await new PaperSearch(db).SearchAsync(new SearchRequest(query), CancellationToken.None);
                if (run > 0)
                    timings.Add(clock.Elapsed.TotalMilliseconds);
                if (run == 1)
                    Console.WriteLine($"{clock.Elapsed.TotalMilliseconds,8:N1} ms  {results.TotalCount,9:N0} {(results.CorrectedQuery is null ? "found" : "corrected")}  {query}");
            }
        }

        static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);
        Console.WriteLine($"{queries.Count} queries x {runs} runs: p50 {Percentile(timings, 0.50):N1} ms, p95 {Percentile(timings, 0.95):N1} ms, max {timings.Max():N1} ms (target: p95 under 50 ms)");
        Console.WriteLine($"baseline, a paper by primary key, same runs: p50 {Percentile(baseline, 0.50):N2} ms, p95 {Percentile(baseline, 0.95):N2} ms");
    }

    private static readonly string[] SavedApiDays = ["2026-08-21", "2026-08-18", "2026-07-15"];

    // 25 titles and 25 keywords of real papers (from the saved API days, newest first): long and short queries,
    // common and rare words.
    private static List<string> Queries()
    {
        var papers = SavedApiDays
            .SelectMany(day => JsonDocument.Parse(File.ReadAllText(RepositoryFiles.Fixture($"huggingface/api/{day}.json"))).RootElement.EnumerateArray())
            .Select(e => e.GetProperty("paper"))
            .ToList();
        var titles = papers.Select(p => p.GetProperty("title").GetString()!).Distinct().Take(25);
        var keywords = papers
            .SelectMany(p => p.TryGetProperty("ai_keywords", out var k) ? k.EnumerateArray().Select(w => w.GetString()!) : [])
            .Distinct().Take(25);
        return [.. titles, .. keywords];
    }
}
