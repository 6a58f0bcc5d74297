using System.IO.Compression;
using System.Text.Json;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;

namespace PaperDigest.Benchmarks;

/// <summary>
/// Realistic papers in any number, built from the words, authors and categories of the 20,422 real arXiv records in
/// shared/data/arxiv-listing-sample.jsonl.gz, with a fixed seed so every run ingests the same rows.
/// </summary>
internal static class GeneratedPapers
{
    public const int PapersPerDay = 1000;

    public static IReadOnlyList<ScrapedListing> Listings(int count)
    {
        var (titleWords, abstractWords, authors, categories) = Vocabulary();
        var random = new Random(20261126);
        string Words(string[] pool, int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => pool[random.Next(pool.Length)]));

        var papers = Enumerable.Range(0, count).Select(i => new ScrapedPaper
        {
            // 99,999 papers a month from 2601 onwards: unique, and valid new-style ids.
            ArxivId = $"{2601 + (i / 99_999):D4}.{(i % 99_999) + 1:D5}",
            Title = Words(titleWords, 6 + random.Next(8)),
            Abstract = Words(abstractWords, 120 + random.Next(80)),
            Authors = Enumerable.Range(0, 1 + random.Next(8)).Select(_ => authors[random.Next(authors.Length)]).ToList(),
            Categories = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => categories[random.Next(categories.Length)]).Distinct().ToList(),
            Upvotes = random.Next(200),
            Comments = random.Next(20),
        }).ToList();

        var firstDay = new DateOnly(2026, 1, 1);
        return papers.Chunk(PapersPerDay)
            .Select((day, index) => new ScrapedListing(ListingSources.HuggingFace, firstDay.AddDays(index), day))
            .ToList();
    }

    private static (string[] TitleWords, string[] AbstractWords, string[] Authors, string[] Categories) Vocabulary()
    {
        var sample = Path.Combine(RepositoryFiles.Root, "..", "shared", "data", "arxiv-listing-sample.jsonl.gz");
        if (!File.Exists(sample))
            throw new FileNotFoundException("The vocabulary comes from shared/data/arxiv-listing-sample.jsonl.gz beside the repository.", sample);
        var titleWords = new HashSet<string>();
        var abstractWords = new HashSet<string>();
        var authors = new HashSet<string>();
        var categories = new HashSet<string>();
        using var reader = new StreamReader(new GZipStream(File.OpenRead(sample), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            using var record = JsonDocument.Parse(line);
            var root = record.RootElement;
            titleWords.UnionWith(root.GetProperty("title").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            abstractWords.UnionWith(root.GetProperty("summary").GetString()!.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
            authors.UnionWith(root.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!));
            categories.UnionWith(root.GetProperty("categories").EnumerateArray().Select(c => c.GetString()!));
        }
        return ([.. titleWords], [.. abstractWords], [.. authors], [.. categories]);
    }
}
