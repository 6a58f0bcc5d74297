using System.Globalization;
using PaperDigest.Core.Interests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Core.Wording;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Digests;

/// <summary>One paper as a digest shows it.</summary>
public sealed record DigestPaper(string ArxivId, string Title, string Authors, int Upvotes, int Comments, string Summary, string? GithubUrl)
{
    /// <summary>Why this reader has it ("trending", "close to: …"); null where no reader is meant (the archive's candidates).</summary>
    public string? Reason { get; init; }
}

/// <summary>
/// What one digest (an email, the preview or an archived edition) shows; links are absolute, built from Site:BaseUrl.
/// <see cref="ManageUrl"/> is the reader's own page, only in emails.
/// </summary>
public sealed record DigestContent(DigestFrequency Frequency, DateOnly LastDay, IReadOnlyList<DigestPaper> Papers, Uri SiteUrl, Uri? ManageUrl = null)
{
    /// <summary>The arXiv part, after the curated <see cref="Papers"/>: new arXiv papers in the reader's topics, if asked for.</summary>
    public IReadOnlyList<DigestPaper> ArxivPapers { get; init; } = [];

    public string Title => Frequency == DigestFrequency.Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"PaperDigest weekly: {Plural.Of(Papers.Count + ArxivPapers.Count, "paper")} to {LastDay:d MMMM yyyy}")
        : string.Create(CultureInfo.InvariantCulture, $"PaperDigest daily: {Plural.Of(Papers.Count + ArxivPapers.Count, "paper")} from {LastDay:d MMMM yyyy}");

    /// <summary>What the arXiv part is, said above it wherever it is shown.</summary>
    public const string ArxivHeading = "New on arXiv";

    /// <summary>Why these arXiv papers, in this order.</summary>
    public const string ArxivOrder = "Announced by arXiv in the chosen categories or tags (all followed ones when none was chosen), newest first, in arXiv's own order; no community signal yet.";

    /// <summary>How the papers were chosen and ordered, said in every digest so a reader knows why these.</summary>
    public const string Ranking =
        "Ranked by the trending score: upvotes, comments, GitHub stars and the last day's new upvotes, worn down by age; once you use \"more like this\" or \"fewer like this\", blended with closeness to what you liked; none you have had before.";

    public Uri TrendingUrl => new(SiteUrl, SiteLinks.Trending);

    public Uri PaperUrl(DigestPaper paper) => new(SiteUrl, SiteLinks.PaperPage(paper.ArxivId));

    /// <summary>"▲ 12 upvotes · 1 comment · trending", as both parts of the email show it.</summary>
    public static string Counts(DigestPaper paper) =>
        $"▲ {Plural.Of(paper.Upvotes, "upvote")} · {Plural.Of(paper.Comments, "comment")}" + (paper.Reason is { } reason ? " · " + reason : "");

    /// <summary>The reader's one-click "more like this" or "fewer like this" page for the paper; only in emails.</summary>
    public Uri? FeedbackUrl(DigestPaper paper, ReadingSignal signal) =>
        ManageUrl is null ? null : new Uri(ManageUrl.AbsoluteUri.TrimEnd('/') + "/" + SiteLinks.FeedbackAction(signal, paper.ArxivId));
}
