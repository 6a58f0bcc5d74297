using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Papers;

namespace PaperDigest.Testing;

/// <summary>
/// Known-item search: each query is meant to find one paper, and a run scores where it came (the mean reciprocal rank
/// of the first ten results, and how often it was among them). Used by the tests and by <c>bench meaning</c>.
/// </summary>
public static partial class SearchQuality
{
    public sealed record KnownItem(string ArxivId, string Query);

    public sealed record Score(int Queries, double MeanReciprocalRank, double TopTenRate)
    {
        public override string ToString() => $"MRR@10 {MeanReciprocalRank:0.000}, top 10 {TopTenRate:P0} of {Queries}";
    }

    /// <summary>
    /// A reader describing a paper they half remember: its AI summary with the paper's own name taken out (the part of
    /// the title before a colon, and the title's coined words such as "RepLiQA" or "SoS1").
    /// </summary>
    public static async Task<List<KnownItem>> DescriptionsAsync(PaperDigestDbContext db, int count)
    {
        var papers = await db.Papers.AsNoTracking().Where(p => p.AiSummary != null && p.AiSummary != "")
            .OrderBy(p => p.ArxivId).Select(p => new { p.ArxivId, p.Title, p.AiSummary }).ToListAsync();
        return Spread(papers, count).Select(p => new KnownItem(p.ArxivId, WithoutName(p.AiSummary!, p.Title))).ToList();
    }

    /// <summary>Each paper's whole title, and its first four words.</summary>
    public static async Task<(List<KnownItem> Titles, List<KnownItem> FourWords)> TitlesAsync(PaperDigestDbContext db, int count)
    {
        var papers = Spread(await db.Papers.AsNoTracking().OrderBy(p => p.ArxivId).Select(p => new { p.ArxivId, p.Title }).ToListAsync(), count);
        return (papers.Select(p => new KnownItem(p.ArxivId, p.Title)).ToList(),
            papers.Select(p => new KnownItem(p.ArxivId, string.Join(' ', Words().Matches(p.Title).Select(m => m.Value).Take(4))))
                .Where(item => item.Query.Split(' ').Length == 4).ToList());
    }

    /// <summary>Scores a search: <paramref name="search"/> answers a query with paper ids, best first.</summary>
    public static async Task<Score> MeasureAsync(string connectionString, IReadOnlyList<KnownItem> items,
        Func<PaperDigestDbContext, string, Task<IReadOnlyList<string>>> search)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(search);
        var options = PaperDigestDbContextOptions.Create(connectionString);
        var sum = 0.0;
        var inTopTen = 0;
        foreach (var item in items)
        {
            await using var db = new PaperDigestDbContext(options);
            var rank = (await search(db, item.Query)).Take(10).ToList().IndexOf(item.ArxivId);
            if (rank < 0)
                continue;
            sum += 1.0 / (rank + 1);
            inTopTen++;
        }
        return new Score(items.Count, items.Count == 0 ? 0 : sum / items.Count, items.Count == 0 ? 0 : (double)inTopTen / items.Count);
    }

    /// <summary>The site's search as a reader gets it; by meaning too when <paramref name="meaning"/> is given.</summary>
    public static Func<PaperDigestDbContext, string, Task<IReadOnlyList<string>>> SiteSearch(SemanticSearch? meaning) =>
        async (db, query) => (await new PaperSearch(db, meaning).SearchAsync(new SearchRequest(query), CancellationToken.None)).Hits
            .Select(h => h.Paper.ArxivId).ToList();

    /// <summary>Imports <paramref name="days"/> of the 63 saved Hugging Face days, spread over all of them.</summary>
    public static async Task ImportDaysAsync(IServiceProvider services, int days)
    {
        var folder = SourceFixtures.ExtractAllHuggingFaceApiDays();
        try
        {
            var files = Directory.GetFiles(folder.FullName, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var chosen = Enumerable.Range(0, days).Select(i => files[i * files.Count / days]).ToList();
            await using var scope = services.CreateAsyncScope();
            var results = await scope.ServiceProvider.GetRequiredService<SavedFileImporter>().ImportAsync(chosen, null, CancellationToken.None);
            if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
                throw new InvalidOperationException($"{failed.Path} could not be imported: {failed.Problem}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Every n-th paper, so the sample covers all the days rather than the first few.
    private static List<T> Spread<T>(List<T> papers, int count) =>
        papers.Count <= count ? papers : Enumerable.Range(0, count).Select(i => papers[i * papers.Count / count]).ToList();

    private static string WithoutName(string text, string title)
    {
        var names = new List<string>();
        if (title.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && title[..colon].Split(' ').Length <= 5)
            names.Add(title[..colon].Trim());
        names.AddRange(Words().Matches(title).Select(m => m.Value).Where(IsCoined));
        foreach (var name in names.Where(n => n.Length > 1).OrderByDescending(n => n.Length))
            text = text.Replace(name, " ", StringComparison.OrdinalIgnoreCase);
        return MultipleSpaces().Replace(text, " ").Trim();
    }

    // A word with a capital or a digit after its first letter (RepLiQA, SoS1, GPT-4o) is a name the authors coined.
    private static bool IsCoined(string word) => word.Skip(1).Any(c => char.IsUpper(c) || char.IsDigit(c));

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultipleSpaces();
}
