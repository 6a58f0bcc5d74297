using PaperDigest.Core.Digests;
using PaperDigest.Core.Interests;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Tests.Digests;

/// <summary>
/// Feedback and topics in the choice, on vectors made by hand: two subjects, "vision" and "speech", with papers a to f
/// in trending order (a best); d and e are about speech, the rest about vision.
/// </summary>
public sealed class PersonalDigestChoiceTests
{
    private static readonly DateOnly Day = new(2026, 8, 21);

    private static readonly float[] Vision = Unit(1, 0, 0);
    private static readonly float[] Speech = Unit(0, 1, 0);
    private static readonly float[] Other = Unit(0, 0, 1);

    private static readonly DigestChoice Choice = new(DigestFrequency.Daily, Day,
        new[] { "a", "b", "c", "d", "e", "f" }.Select(id => new ScoredPaper(id, TrendingScore.For(10, 0, null, 0, 10), 10, Day, [])).ToList(),
        [new ArxivCandidate("x", Day, ["cs.SD"], []), new ArxivCandidate("y", Day, ["cs.CV"], [])],
        new Dictionary<string, float[]>
        {
            ["a"] = Vision, ["b"] = Unit(1, 0, 0.2f), ["c"] = Unit(1, 0.1f, 0), ["d"] = Unit(0.1f, 1, 0), ["e"] = Unit(0, 1, 0.1f), ["f"] = Other,
            ["x"] = Unit(0, 1, 0.3f), ["y"] = Vision,
        });

    private static readonly SubscriberPreferences ThreePapers = new() { MaxPapers = 3 };

    [Fact]
    public void WithoutFeedbackTheDigestKeepsTheTrendingOrderAndSaysSo()
    {
        var chosen = Choice.Choose(ThreePapers, Day.AddDays(-1), new HashSet<string>(), InterestProfile.None);

        Assert.Equal(["a", "b", "c"], chosen.Curated);
        Assert.All(chosen.Curated, id => Assert.Equal(Reasons.Trending, chosen.ReasonFor(id)));
    }

    [Fact]
    public void AMoreLikeThisOnASpeechPaperBringsSpeechPapersUpAndSaysWhy()
    {
        var liked = new InterestProfile([new LikedPaper("old-speech", "A speech paper read last week", Speech)], [], null);

        var chosen = Choice.Choose(ThreePapers, Day.AddDays(-1), new HashSet<string>(), liked);

        Assert.Equal(["d", "e", "a"], chosen.Curated);
        Assert.Equal(Reasons.CloseTo("A speech paper read last week"), chosen.ReasonFor("d"));
        Assert.Equal(Reasons.Trending, chosen.ReasonFor("a"));
    }

    [Fact]
    public void AFewerLikeThisHoldsBackPapersCloseToIt()
    {
        var profile = new InterestProfile([new LikedPaper("liked", "Something else entirely", Other)], [Vision], null);

        var chosen = Choice.Choose(ThreePapers, Day.AddDays(-1), new HashSet<string>(), profile);

        // f is liked; the vision papers a, b, c fall below the speech papers, which are merely not disliked (e, with a
        // little of f's subject, before d).
        Assert.Equal(["f", "e", "d"], chosen.Curated);
    }

    [Fact]
    public void ATopicTakesPapersCloseInMeaningBesidesFollowedTagsInBothParts()
    {
        var topic = new InterestProfile([], [], Speech);
        var preferences = new SubscriberPreferences { MaxPapers = 10, ArxivPapers = 10, Topic = "people talking", TopicThreshold = 0.5 };

        var chosen = Choice.Choose(preferences, Day.AddDays(-1), new HashSet<string>(), topic);

        Assert.Equal(["d", "e"], chosen.Curated);
        Assert.Equal(["x"], chosen.Arxiv);
        Assert.Equal("matches your topic (1.00)", chosen.ReasonFor("e"));
        Assert.Equal("matches your topic (0.96)", chosen.ReasonFor("x"));
    }

    private static float[] Unit(params float[] components)
    {
        var vector = new float[384];
        components.CopyTo(vector, 0);
        var length = MathF.Sqrt(vector.Sum(c => c * c));
        return vector.Select(c => c / length).ToArray();
    }
}
