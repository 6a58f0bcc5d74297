using Microsoft.Extensions.Time.Testing;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Papers;

public sealed class TrendingPapersTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    // Noon on the latest listed day: the reference time, since it is before that day's end.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void TheScoreWeighsDiscussionStarsMomentumAndAgeAsDocumented()
    {
        var score = TrendingScore.For(upvotes: 10, comments: 2, stars: 100, upvotesGainedInDay: 5, ageHours: 22);

        Assert.Equal((10, 4, 10, 10), (score.Upvotes, score.Comments, score.Stars, score.Momentum));
        Assert.Equal(34 / Math.Pow(24, 1.5), score.Value, precision: 12);
        Assert.True(TrendingScore.For(10, 0, null, 0, 48).Value < TrendingScore.For(10, 0, null, 0, 24).Value);
        Assert.Equal(0, TrendingScore.For(10, 0, null, -7, 1).Momentum);
    }

    [Fact]
    public async Task FreshPapersAndRisingPapersOutrankOlderPopularOnes()
    {
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO papers (arxiv_id, title, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00001', 'Old and popular', now(), now(), 100, 0),
              ('2611.00002', 'Fresh', now(), now(), 20, 0),
              ('2611.00003', 'Rising', now(), now(), 60, 0),
              ('2611.00004', 'Too old for the window', now(), now(), 999, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00001', 'huggingface', '{Today.AddDays(-6):yyyy-MM-dd}', 1, 'New'),
              ('2611.00002', 'huggingface', '{Today:yyyy-MM-dd}', 1, 'New'),
              ('2611.00003', 'huggingface', '{Today.AddDays(-2):yyyy-MM-dd}', 1, 'New'),
              ('2611.00004', 'huggingface', '{Today.AddDays(-7):yyyy-MM-dd}', 1, 'New');
            INSERT INTO paper_metrics (arxiv_id, source, observed_at, upvotes) VALUES
              ('2611.00003', 'huggingface', '2026-11-25T06:00:00Z', 10);
            """);

        var ranked = await new TrendingPapers(database.CreateContext(), clock).RankAsync(10, TestContext.Current.CancellationToken);

        Assert.Equal(["2611.00002", "2611.00003", "2611.00001"], ranked.Select(r => r.Paper.ArxivId));
        Assert.Equal(2 * 50, ranked[1].Score.Momentum);
        Assert.Equal(12, ranked[0].Score.AgeHours);
    }
}
