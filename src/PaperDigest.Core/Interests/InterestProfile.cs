using PaperDigest.Core.Meaning;

namespace PaperDigest.Core.Interests;

/// <summary>A paper the reader asked for more of, with its vector.</summary>
public sealed record LikedPaper(string ArxivId, string Title, float[] Vector);

/// <summary>
/// What one reader's digest leans towards: the papers they asked for more and fewer of, and their topic, as vectors.
/// How it weighs a paper is documented in docs/trending.md ("Personal digests").
/// </summary>
public sealed record InterestProfile(IReadOnlyList<LikedPaper> More, IReadOnlyList<float[]> Fewer, float[]? Topic)
{
    public static readonly InterestProfile None = new([], [], null);

    /// <summary>Weight of the trending rank (1 for the best-scored candidate, falling evenly to 0) in a personal order.</summary>
    public const double TrendWeight = 0.4;

    /// <summary>Weight of the similarity to what the reader asked for more of.</summary>
    public const double MeaningWeight = 0.6;

    /// <summary>How much a paper close to one the reader asked fewer of is held back, per unit of similarity.</summary>
    public const double FewerWeight = 0.5;

    /// <summary>A paper at least this similar to a liked one says so ("close to: …").</summary>
    public const double CloseToThreshold = 0.45;

    /// <summary>True when the reader has said nothing: their digest keeps the trending order.</summary>
    public bool RanksByTrend => More.Count == 0 && Fewer.Count == 0;

    /// <summary>
    /// How close the paper is to what the reader asked for more of (its best cosine similarity to a liked paper),
    /// less <see cref="FewerWeight"/> times its best similarity to one they asked fewer of; and the liked paper it is
    /// closest to when that is at least <see cref="CloseToThreshold"/>.
    /// </summary>
    public (double Similarity, LikedPaper? CloseTo) Weigh(float[]? paper)
    {
        if (paper is null)
            return (0, null);
        var (best, closest) = (0.0, (LikedPaper?)null);
        foreach (var liked in More)
        {
            var similarity = VectorMath.Dot(paper, liked.Vector);
            if (similarity > best)
                (best, closest) = (similarity, liked);
        }
        var worst = Fewer.Count == 0 ? 0.0 : Math.Max(0, Fewer.Max(fewer => VectorMath.Dot(paper, fewer)));
        return (best - FewerWeight * worst, best >= CloseToThreshold ? closest : null);
    }

    /// <summary>The paper's similarity to the reader's topic, or null without a topic or a vector.</summary>
    public double? TopicSimilarity(float[]? paper) => Topic is null || paper is null ? null : VectorMath.Dot(paper, Topic);
}
