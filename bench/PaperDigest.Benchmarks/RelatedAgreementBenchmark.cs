using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// <c>related DATA_DIR [PAPERS] [SAMPLED]</c>: how often a paper's top 5 related papers share its primary arXiv category,
/// by shared words (the old way) and by meaning, on PAPERS papers of the arXiv sample in ../shared/data (title,
/// abstract, categories), SAMPLED of them asked.
/// </summary>
internal static class RelatedAgreementBenchmark
{
    public static async Task RunAsync(string dataDirectory, int papers, int sampled)
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(dataDirectory), NullLogger.Instance, CancellationToken.None);
        const string Database = "related";
        await cluster.EnsureDatabaseAsync(Database, CancellationToken.None);
        var connectionString = cluster.ConnectionString(Database);
        await FilledDatabase.MigrateAsync(connectionString);
        var primary = await FillAsync(connectionString, papers);
        Console.WriteLine($"{primary.Count} arXiv papers stored");

        using var services = CoreServices.Create(connectionString, new Dictionary<string, string?> { ["Embeddings:Threads"] = "2" });
        var embedded = await services.GetRequiredService<PaperEmbedder>().EmbedPendingAsync(null, CancellationToken.None);
        await services.GetRequiredService<PaperVectorLoader>().LoadAsync(null, CancellationToken.None);
        Console.WriteLine($"{embedded} embedded");
        var meaning = services.GetRequiredService<SemanticSearch>();

        var asked = primary.Keys.Order(StringComparer.Ordinal).Where((_, i) => i % Math.Max(1, primary.Count / sampled) == 0).Take(sampled).ToList();
        var options = PaperDigestDbContextOptions.Create(connectionString);
        double byWords = 0, byMeaning = 0;
        int wordsShown = 0, meaningShown = 0;
        foreach (var id in asked)
        {
            await using var db = new PaperDigestDbContext(options);
            var lexical = await new PaperListings(db).RelatedAsync(id, 5, CancellationToken.None);
            var semantic = await new PaperListings(db, meaning).RelatedAsync(id, 5, CancellationToken.None);
            byWords += lexical.Count(p => primary[p.ArxivId] == primary[id]);
            byMeaning += semantic.Count(p => primary[p.ArxivId] == primary[id]);
            wordsShown += lexical.Count;
            meaningShown += semantic.Count;
        }
        Console.WriteLine($"{asked.Count} papers asked: same primary category among the related shown — words {byWords / wordsShown:P1} of {wordsShown}, meaning {byMeaning / meaningShown:P1} of {meaningShown}");
    }

    // The sample's first PAPERS papers; returns each one's primary category.
    private static async Task<Dictionary<string, string>> FillAsync(string connectionString, int count)
    {
        var primary = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "data", "arxiv-listing-sample.jsonl.gz"));
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        while (primary.Count < count && await reader.ReadLineAsync() is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            if (!ArxivId.TryNormalize(root.GetProperty("id").GetString(), out var id) || primary.ContainsKey(id))
                continue;
            var categories = root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!).ToArray();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO papers (arxiv_id, title, abstract, authors, categories, first_seen_at, updated_at, upvotes, comments)
                VALUES ($1, $2, $3, $4, $5, now(), now(), 0, 0) ON CONFLICT DO NOTHING
                """, connection);
            foreach (var value in new object[] { id, root.GetProperty("title").GetString()!, root.GetProperty("summary").GetString()!,
                         root.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!).ToArray(), categories })
                insert.Parameters.Add(new NpgsqlParameter { Value = value });
            await insert.ExecuteNonQueryAsync();
            primary[id] = categories[0];
        }
        return primary;
    }
}
