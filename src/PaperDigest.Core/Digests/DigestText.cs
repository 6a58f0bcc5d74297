using System.Globalization;
using System.Text;
using PaperDigest.Core.Interests;

namespace PaperDigest.Core.Digests;

/// <summary>The plain-text part of a digest email: the same content as the HTML part, for text-only readers and spam filters.</summary>
public static class DigestText
{
    public static string Render(DigestContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder().AppendLine(content.Title).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{DigestContent.Ranking} How the score works: {content.TrendingUrl}").AppendLine();
        var number = 0;
        foreach (var paper in content.Papers)
            Append(text, content, paper, ++number);
        if (content.ArxivPapers.Count > 0)
        {
            text.AppendLine(DigestContent.ArxivHeading.ToUpperInvariant()).AppendLine(DigestContent.ArxivOrder).AppendLine();
            foreach (var paper in content.ArxivPapers)
                Append(text, content, paper, ++number);
        }
        if (content.ManageUrl is { } manage)
            text.AppendLine(CultureInfo.InvariantCulture, $"Change what you get, pause or unsubscribe: {manage}");
        return text.ToString();
    }

    private static void Append(StringBuilder text, DigestContent content, DigestPaper paper, int number) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"{number}. {paper.Title}")
            .AppendLine(CultureInfo.InvariantCulture, $"   {paper.Authors}")
            .AppendLine(CultureInfo.InvariantCulture, $"   {DigestContent.Counts(paper)} · {content.PaperUrl(paper)}")
            .AppendLine(CultureInfo.InvariantCulture, $"   {paper.Summary}")
            .Append(content.FeedbackUrl(paper, ReadingSignal.More) is { } more
                ? string.Create(CultureInfo.InvariantCulture, $"   More like this: {more} · Fewer like this: {content.FeedbackUrl(paper, ReadingSignal.Fewer)}{Environment.NewLine}")
                : "")
            .AppendLine();
}
