namespace PaperDigest.Core.Papers;

/// <summary>
/// How a paper ranks on the trending page, with its parts so readers can see why. Documented in docs/trending.md:
/// <code>score = (upvotes + 2·comments + 0.1·stars + 2·upvotes gained in the last 24 h) / (hours since first listed + 2)^1.5</code>
/// Discussion counts more than a vote, code stars a little, fresh momentum double, and age wears every score down
/// (the gravity of Hacker News's ranking, gentler because papers are listed once a day).
/// </summary>
public sealed record TrendingScore(double Upvotes, double Comments, double Stars, double Momentum, double AgeHours)
{
    public const double CommentWeight = 2;
    public const double StarWeight = 0.1;
    public const double MomentumWeight = 2;
    public const double Gravity = 1.5;

    public double Engagement => Upvotes + Comments + Stars + Momentum;

    public double AgeDivisor => Math.Pow(AgeHours + 2, Gravity);

    public double Value => Engagement / AgeDivisor;

    public static TrendingScore For(int upvotes, int comments, int? stars, int upvotesGainedInDay, double ageHours) => new(
        upvotes,
        CommentWeight * comments,
        StarWeight * (stars ?? 0),
        MomentumWeight * Math.Max(upvotesGainedInDay, 0),
        Math.Max(ageHours, 0));
}
