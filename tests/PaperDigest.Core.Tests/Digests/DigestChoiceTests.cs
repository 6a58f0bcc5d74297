using PaperDigest.Core.Digests;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Tests.Digests;

/// <summary>One subscriber's two parts: the curated papers, then new arXiv papers in their categories or tags.</summary>
public sealed class DigestChoiceTests
{
    private static readonly DateOnly Day = new(2026, 8, 21);

    // Curated: a, b, c, best first. arXiv, newest first: b (picked by Hugging Face too), x (cs.LG), y (cs.CV, tagged
    // agents), z (cs.CL), w (already received), old (announced before the reader's last digest).
    private static readonly DigestChoice Choice = new(DigestFrequency.Daily, Day,
        [Scored("a", []), Scored("b", []), Scored("c", ["agents"])],
        [Candidate("b", "cs.LG"), Candidate("x", "cs.LG"), Candidate("y", "cs.CV", "agents"), Candidate("z", "cs.CL"), Candidate("w", "cs.LG"),
         new ArxivCandidate("old", Day.AddDays(-3), ["cs.LG"], [])]);

    private static readonly HashSet<string> Received = ["w"];

    [Fact]
    public void WithoutTheArxivPartOnlyCuratedPapersAreChosen()
    {
        var chosen = Choice.Choose(new SubscriberPreferences(), previousDigestDay: Day.AddDays(-1), Received);

        Assert.Equal(["a", "b", "c"], chosen.Curated);
        Assert.Empty(chosen.Arxiv);
    }

    [Fact]
    public void TheArxivPartTakesNewPapersNotAlreadyChosenOrReceivedUpToItsOwnCap()
    {
        var chosen = Choice.Choose(new SubscriberPreferences { ArxivPapers = 2 }, previousDigestDay: Day.AddDays(-1), Received);

        Assert.Equal(["a", "b", "c"], chosen.Curated);
        Assert.Equal(["x", "y"], chosen.Arxiv);
        Assert.Equal(chosen.All.Count, chosen.All.Distinct().Count());
    }

    [Fact]
    public void TheArxivPartKeepsToTheReadersCategoriesOrTags()
    {
        var byCategory = Choice.Choose(new SubscriberPreferences { ArxivPapers = 10, ArxivCategories = ["cs.CL"] }, Day.AddDays(-1), Received);
        var byTagOrCategory = Choice.Choose(new SubscriberPreferences { ArxivPapers = 10, ArxivCategories = ["cs.CL"], Tags = ["agents"] }, Day.AddDays(-1), Received);

        Assert.Equal(["z"], byCategory.Arxiv);
        Assert.Equal(["c"], byTagOrCategory.Curated);
        Assert.Equal(["y", "z"], byTagOrCategory.Arxiv);
    }

    private static ScoredPaper Scored(string id, string[] tags) => new(id, TrendingScore.For(10, 0, null, 0, 10), 10, Day, tags);

    private static ArxivCandidate Candidate(string id, string category, params string[] tags) => new(id, Day, [category], tags);
}
