using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Site;
using PaperDigest.Core.Wording;

namespace PaperDigest.Web.Components.Papers;

/// <summary>
/// A listing card's HTML (title, authors, organisation, counts and the links readers use most), written straight into
/// a string rather than built as components. A period page shows a hundred cards; as components (a card with its
/// counts, icons and code link) they took about 60% of an uncached page's time, more than the database. Every text and
/// attribute value goes through <see cref="HtmlEncoder.Default"/>, the encoder Blazor itself uses, so what sources send
/// is shown, never run.
/// </summary>
public static class PaperCardMarkup
{
    private const int ShownAuthors = 5;
    // Enough for a card with a long author list and a few tags, so the builder rarely grows.
    private const int CardCapacity = 2048;
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <summary>One card.</summary>
    public static MarkupString Card(PaperSummary paper, bool pinned = false) => Markup(html => WriteCard(html, paper, pinned));

    /// <summary>
    /// The cards as list items, for an <c>ol</c> or <c>ul</c> the page writes around them. Each card is its own piece of
    /// markup: a hundred cards as one string came to over 85 KB, which .NET allocates on the large-object heap, and that
    /// heap is only collected with the whole heap.
    /// </summary>
    public static RenderFragment ListItems(IEnumerable<PaperSummary> papers, Func<PaperSummary, bool>? pinned = null)
    {
        ArgumentNullException.ThrowIfNull(papers);
        return builder =>
        {
            var html = new StringBuilder(CardCapacity);
            foreach (var paper in papers)
            {
                html.Clear().Append("<li>");
                WriteCard(html, paper, pinned?.Invoke(paper) ?? false);
                builder.AddMarkupContent(0, html.Append("</li>\n").ToString());
            }
        };
    }

    /// <summary>A paper's code repository, with its stars when known.</summary>
    public static MarkupString GithubLink(string url, int? stars) => Markup(html => WriteGithubLink(html, url, stars));

    private static MarkupString Markup(Action<StringBuilder> write)
    {
        var html = new StringBuilder(CardCapacity);
        write(html);
        return new MarkupString(html.ToString());
    }

    private static void WriteCard(StringBuilder html, PaperSummary paper, bool pinned)
    {
        html.Append("<article class=\"paper-card\">");
        // Served from the app's own copy; the title beside it says what it shows, so the image is decorative.
        if (paper.HasThumbnail)
            html.Append("<img class=\"paper-thumbnail\" src=\"").Append(Encoder.Encode(SiteLinks.Thumbnail(paper.ArxivId)))
                .Append("\" alt=\"\" loading=\"lazy\" width=\"160\" height=\"90\">");
        html.Append("<div class=\"paper-body\">");
        if (pinned)
            html.Append("<p class=\"pin-badge\">Pinned by the curators</p>");
        html.Append("<h2 class=\"paper-title\"><a href=\"").Append(Encoder.Encode(SiteLinks.PaperPage(paper.ArxivId))).Append("\">")
            .Append(Encoder.Encode(paper.Title)).Append("</a></h2>\n");

        html.Append("<p class=\"authors\">").Append(Encoder.Encode(string.Join(", ", paper.Authors.Take(ShownAuthors))));
        if (paper.Authors.Count > ShownAuthors)
            html.Append("<span class=\"more-authors\" title=\"").Append(Encoder.Encode(string.Join(", ", paper.Authors.Skip(ShownAuthors))))
                .Append("\"> ").Append(Encoder.Encode($"+{paper.Authors.Count - ShownAuthors}")).Append("</span>");
        html.Append("</p>");
        if (paper.OrganizationName is not null)
            html.Append("<p class=\"organization\">").Append(Encoder.Encode(paper.OrganizationName)).Append("</p>");

        html.Append("<p class=\"paper-meta\">");
        WriteCount(html, "upvotes", paper.Upvotes, "upvote");
        html.Append('\n');
        WriteCount(html, "comments", paper.Comments, "comment");
        html.Append("\n<a href=\"").Append(Encoder.Encode(paper.ArxivUrl.AbsoluteUri)).Append("\" rel=\"noopener\">arXiv</a>\n<a href=\"")
            .Append(Encoder.Encode(paper.PdfUrl.AbsoluteUri)).Append("\" rel=\"noopener\">PDF</a>");
        if (WebAddress.HttpOrNull(paper.GithubUrl) is { } github)
        {
            html.Append('\n');
            WriteGithubLink(html, github, paper.GithubStars);
        }
        html.Append("</p>");

        if (paper.Tags.Count > 0)
        {
            html.Append("<ul class=\"card-tags\" aria-label=\"Tags\">");
            foreach (var tag in paper.Tags)
                html.Append("<li><a href=\"").Append(Encoder.Encode(SiteLinks.TagPage(tag.Slug))).Append("\">").Append(Encoder.Encode(tag.Name)).Append("</a></li>");
            html.Append("</ul>");
        }
        html.Append("</div></article>");
    }

    private static void WriteGithubLink(StringBuilder html, string url, int? stars)
    {
        html.Append("<a href=\"").Append(Encoder.Encode(url)).Append("\" rel=\"noopener nofollow\">GitHub");
        if (stars is { } count)
        {
            html.Append(' ');
            WriteCount(html, "stars", count, "star");
        }
        html.Append("</a>");
    }

    // A count; the noun is there for screen readers, and the stylesheet draws the class's icon for eyes (emoji and symbol
    // characters show as empty boxes where the font lacks them, and are read out).
    private static void WriteCount(StringBuilder html, string cssClass, int count, string noun) =>
        html.Append("<span class=\"").Append(cssClass).Append("\"><span class=\"count\">").Append(count.ToString("N0", CultureInfo.InvariantCulture))
            .Append("</span><span class=\"visually-hidden\"> ").Append(Encoder.Encode(Plural.Noun(count, noun))).Append("</span></span>");
}
