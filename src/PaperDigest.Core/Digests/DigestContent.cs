using System.Globalization;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>One paper as a digest shows it.</summary>
public sealed record DigestPaper(string ArxivId, string Title, string Authors, int Upvotes, int Comments, string Summary, string? GithubUrl);

/// <summary>
/// What one digest (an email, the preview or an archived edition) shows; links are absolute, built from Site:BaseUrl.
/// <see cref="ManageUrl"/> is the reader's own page, only in emails.
/// </summary>
public sealed record DigestContent(DigestFrequency Frequency, DateOnly LastDay, IReadOnlyList<DigestPaper> Papers, Uri SiteUrl, Uri? ManageUrl = null)
{
    public string Title => Frequency == DigestFrequency.Weekly
        ? string.Create(CultureInfo.InvariantCulture, $"PaperDigest weekly: {Papers.Count} papers to {LastDay:d MMMM yyyy}")
        : string.Create(CultureInfo.InvariantCulture, $"PaperDigest daily: {Papers.Count} papers from {LastDay:d MMMM yyyy}");

    public Uri PaperUrl(DigestPaper paper) => new(SiteUrl, $"papers/{paper.ArxivId}");
}
