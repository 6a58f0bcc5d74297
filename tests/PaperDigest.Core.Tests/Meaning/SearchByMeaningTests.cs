using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Papers.Search;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Meaning;

/// <summary>
/// Search by description, as a reader who half remembers a paper writes it: 24 real Hugging Face days (about 400
/// papers), each paper sought by its AI summary without its own name (nothing of the summary is indexed or embedded).
/// </summary>
public sealed class SearchByMeaningTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task HybridSearchFindsPapersByDescriptionFarBetterThanRequiringEveryWordAndKeepsTitlesOnTop()
    {
        await database.ResetAsync();
        using var services = CoreServices.Create(database.ConnectionString, new Dictionary<string, string?> { ["Embeddings:Threads"] = "2" });
        await SearchQuality.ImportDaysAsync(services, 24);
        var embedded = await services.GetRequiredService<PaperEmbedder>().EmbedPendingAsync(null, TestContext.Current.CancellationToken);
        await services.GetRequiredService<PaperVectorLoader>().LoadAsync(null, TestContext.Current.CancellationToken);
        var meaning = services.GetRequiredService<SemanticSearch>();

        await using var db = database.CreateContext();
        var descriptions = await SearchQuality.DescriptionsAsync(db, 120);
        var (titles, fourWords) = await SearchQuality.TitlesAsync(db, 120);
        var strict = await SearchQuality.MeasureAsync(database.ConnectionString, descriptions, EveryWordAsync);
        var lexical = await SearchQuality.MeasureAsync(database.ConnectionString, descriptions, SearchQuality.SiteSearch(null));
        var hybrid = await SearchQuality.MeasureAsync(database.ConnectionString, descriptions, SearchQuality.SiteSearch(meaning));
        var hybridTitles = await SearchQuality.MeasureAsync(database.ConnectionString, titles, SearchQuality.SiteSearch(meaning));
        var hybridFourWords = await SearchQuality.MeasureAsync(database.ConnectionString, fourWords, SearchQuality.SiteSearch(meaning));
        output.WriteLine($"{embedded} papers embedded; descriptions: every word {strict}, words {lexical}, hybrid {hybrid}; titles: {hybridTitles}; four title words: {hybridFourWords}");

        Assert.Equal(120, descriptions.Count);
        // Measured here: every word (the search before embeddings) 0.10, words with the most-words fallback and hybrid
        // both above 0.99 (AI summaries reuse their abstract's words). The model and data are fixed.
        Assert.True(hybrid.MeanReciprocalRank >= strict.MeanReciprocalRank + 0.5, $"every word {strict}, hybrid {hybrid}");
        Assert.True(hybrid.MeanReciprocalRank >= lexical.MeanReciprocalRank, $"words {lexical}, hybrid {hybrid}");
        Assert.True(hybrid.MeanReciprocalRank >= 0.6, $"hybrid {hybrid}");
        Assert.True(hybridTitles.MeanReciprocalRank >= 0.95, $"titles {hybridTitles}");
        Assert.True(hybridFourWords.MeanReciprocalRank >= 0.9, $"four title words {hybridFourWords}");
    }

    // The word ranking alone, every word required: what search did before it had a fallback or embeddings.
    private static async Task<IReadOnlyList<string>> EveryWordAsync(PaperDigest.Core.Data.PaperDigestDbContext db, string query)
    {
        var papers = db.Papers.AsNoTracking();
        var counts = await WordRanking.CountAsync(papers, query, CancellationToken.None);
        return counts.Total == 0 ? [] : await WordRanking.RankAsync(papers, query, PaperDigest.Core.Papers.SearchSort.Relevance, counts, 0, 10, p => p.ArxivId, CancellationToken.None);
    }
}
