using System.Globalization;
using System.Text;

namespace PaperDigest.Core.Digests;

/// <summary>The plain-text part of a digest email: the same content as the HTML part, for text-only readers and spam filters.</summary>
public static class DigestText
{
    public static string Render(DigestContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder().AppendLine(content.Title).AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{DigestContent.Ranking} How the score works: {content.TrendingUrl}").AppendLine();
        foreach (var (paper, index) in content.Papers.Select((p, i) => (p, i)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{index + 1}. {paper.Title}")
                .AppendLine(CultureInfo.InvariantCulture, $"   {paper.Authors}")
                .AppendLine(CultureInfo.InvariantCulture, $"   {DigestContent.Counts(paper)} · {content.PaperUrl(paper)}")
                .AppendLine(CultureInfo.InvariantCulture, $"   {paper.Summary}")
                .AppendLine();
        }
        if (content.ManageUrl is { } manage)
            text.AppendLine(CultureInfo.InvariantCulture, $"Change what you get, pause or unsubscribe: {manage}");
        return text.ToString();
    }
}
