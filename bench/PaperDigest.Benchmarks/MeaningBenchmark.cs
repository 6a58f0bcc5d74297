using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Meaning;

namespace PaperDigest.Benchmarks;

/// <summary>
/// <c>meaning [PAPERS]</c>: the embedding model's throughput on real papers (title, keywords, abstract from the saved
/// Hugging Face days) at one and two threads; then the vector index at PAPERS vectors (1,000,000 by default): its
/// memory, and search latency including embedding real queries, against an unquantised float scan of the same vectors
/// in the same run.
/// </summary>
internal static class MeaningBenchmark
{
    public static async Task RunAsync(int papers)
    {
        var texts = RealPapers();
        Console.WriteLine($"{texts.Count} real papers from the saved Hugging Face days");
        foreach (var threads in new[] { 1, 2 })
        {
            using var model = new LocalEmbeddingGenerator(Options.Create(new EmbeddingOptions { Threads = threads }), TimeProvider.System);
            await model.GenerateAsync(texts.Take(8));   // loads the model
            var sample = texts.Take(256).ToList();
            var clock = Stopwatch.StartNew();
            foreach (var batch in sample.Chunk(32))
                await model.GenerateAsync(batch);
            var rate = sample.Count / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"embedding, {threads} thread(s), batches of 32: {rate:N1} papers/s; 100,000 papers in {TimeSpan.FromSeconds(100_000 / rate):h\\:mm}");
        }

        using var generator = new LocalEmbeddingGenerator(Options.Create(new EmbeddingOptions { Threads = 2 }), TimeProvider.System);
        var queries = texts.Take(200).Select(t => string.Join(' ', t.Split(' ').Take(12))).ToList();
        var queryVectors = new List<float[]>();
        var embedTimes = new List<double>();
        foreach (var query in queries)
        {
            var clock = Stopwatch.StartNew();
            queryVectors.Add((await generator.GenerateAsync([query]))[0].Vector.ToArray());
            embedTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"embedding a 12-word query: p50 {Percentile(embedTimes, 0.5):N1} ms, p95 {Percentile(embedTimes, 0.95):N1} ms");

        foreach (var size in new[] { papers / 10, papers })
            MeasureIndex(size, queryVectors, embedTimes);
    }

    private static void MeasureIndex(int size, List<float[]> queryVectors, List<double> embedTimes)
    {
        var random = new Random(17);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var index = new PaperVectorIndex();
        var vector = new float[LocalEmbeddingGenerator.Dimensions];
        for (var i = 0; i < size; i++)
        {
            RandomUnit(random, vector);
            index.Set($"{2000 + i / 100_000}.{i % 100_000:00000}", vector);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"index of {size:N0} vectors: {(after - before) / 1e6:N0} MB managed memory (ids included)");

        var scans = new List<double>();
        var totals = new List<double>();
        for (var q = 0; q < queryVectors.Count; q++)
        {
            var clock = Stopwatch.StartNew();
            index.Nearest(queryVectors[q], 200);
            scans.Add(clock.Elapsed.TotalMilliseconds);
            totals.Add(clock.Elapsed.TotalMilliseconds + embedTimes[q]);
        }
        // Same-run baseline: the same exact search over unquantised floats (four times the memory), one core.
        var floats = new float[Math.Min(size, 250_000) * LocalEmbeddingGenerator.Dimensions];
        for (var i = 0; i < floats.Length; i++)
            floats[i] = (float)(random.NextDouble() - 0.5);
        var floatScans = new List<double>();
        foreach (var query in queryVectors.Take(50))
        {
            var clock = Stopwatch.StartNew();
            var best = float.MinValue;
            for (var offset = 0; offset < floats.Length; offset += LocalEmbeddingGenerator.Dimensions)
                best = Math.Max(best, Dot(query, floats.AsSpan(offset, LocalEmbeddingGenerator.Dimensions)));
            floatScans.Add(clock.Elapsed.TotalMilliseconds * size / (floats.Length / LocalEmbeddingGenerator.Dimensions));
        }
        Console.WriteLine($"  scan: p50 {Percentile(scans, 0.5):N1} ms, p95 {Percentile(scans, 0.95):N1} ms; with the query embedded: p50 {Percentile(totals, 0.5):N1} ms, p95 {Percentile(totals, 0.95):N1} ms");
        Console.WriteLine($"  baseline float32 scan, one core, scaled to {size:N0}: p50 {Percentile(floatScans, 0.5):N1} ms (ratio quantised/float {Percentile(scans, 0.5) / Percentile(floatScans, 0.5):N2})");
        GC.KeepAlive(index);
    }

    private static float Dot(float[] a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a, i) * new Vector<float>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    private static void RandomUnit(Random random, float[] vector)
    {
        var norm = 0.0;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
            norm += vector[i] * vector[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < vector.Length; i++)
            vector[i] *= scale;
    }

    private static double Percentile(List<double> values, double p) => values.Order().ElementAt((int)Math.Ceiling(p * values.Count) - 1);

    private static List<string> RealPapers()
    {
        var folder = Directory.CreateTempSubdirectory("paperdigest-bench-days-");
        try
        {
            using (var archive = File.OpenRead(RepositoryFiles.Fixture("huggingface/api-all-days.tar.gz")))
            using (var gzip = new GZipStream(archive, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(gzip, folder.FullName, overwriteFiles: false);
            return Directory.GetFiles(folder.FullName, "*.json", SearchOption.AllDirectories).Order()
                .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateArray().Select(e => e.GetProperty("paper")).ToList())
                .Select(paper => PaperText.ForEmbedding(paper.GetProperty("title").GetString()!,
                    paper.TryGetProperty("ai_keywords", out var keywords) && keywords.ValueKind == JsonValueKind.Array ? keywords.EnumerateArray().Select(k => k.GetString()!).ToList() : null,
                    paper.TryGetProperty("summary", out var summary) ? summary.GetString() : null))
                .ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
