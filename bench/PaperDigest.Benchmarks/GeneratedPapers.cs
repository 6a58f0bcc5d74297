using System.Formats.Tar;
using System.IO.Compression;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Ingestion.Arxiv;
using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;

namespace PaperDigest.Benchmarks;

/// <summary>
/// Realistic papers in any number, built from the words, authors and categories of the real listings among the
/// repository's test fixtures, with a fixed seed so every run ingests the same rows.
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

    // The repository's own real listings: 63 Hugging Face days (titles, abstracts, authors) and two arXiv pastweek pages
    // (categories), read with the app's parsers, so the benchmarks need nothing from outside the repository.
    private static (string[] TitleWords, string[] AbstractWords, string[] Authors, string[] Categories) Vocabulary()
    {
        var papers = HuggingFaceDays().Concat(ArxivListings()).ToList();
        string[] Distinct(IEnumerable<string> values) => [.. values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        return (
            Distinct(papers.SelectMany(p => p.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries))),
            Distinct(papers.SelectMany(p => p.Abstract.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))),
            Distinct(papers.SelectMany(p => p.Authors)),
            Distinct(papers.SelectMany(p => p.Categories)));
    }

    private static List<ScrapedPaper> HuggingFaceDays()
    {
        using var archive = File.OpenRead(RepositoryFiles.Fixture("huggingface/api-all-days.tar.gz"));
        using var gzip = new GZipStream(archive, CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var papers = new List<ScrapedPaper>();
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is null || !entry.Name.EndsWith(".json", StringComparison.Ordinal))
                continue;
            using var reader = new StreamReader(entry.DataStream);
            papers.AddRange(HuggingFaceApiParser.Parse(reader.ReadToEnd(), null).Listings.SelectMany(l => l.Papers));
        }
        return papers;
    }

    private static IEnumerable<ScrapedPaper> ArxivListings() =>
        Directory.GetFiles(RepositoryFiles.Fixture("arxiv/listing"), "*.html")
            .SelectMany(file => ArxivListingParser.Parse(File.ReadAllText(file), null).Listings.SelectMany(l => l.Papers));
}
