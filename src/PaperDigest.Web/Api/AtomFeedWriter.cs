using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Xml;
using PaperDigest.Core.Papers;
using PaperDigest.Web.Components.Papers;

namespace PaperDigest.Web.Api;

/// <summary>Writes papers as an Atom 1.0 feed (RFC 4287): a feed id, title, updated and self link; per entry an id,
/// title, updated (the paper's last change), links, authors, the AI summary as the summary where there is one, and
/// the abstract with the paper's links as HTML content, so readers show the whole abstract.</summary>
internal static class AtomFeedWriter
{
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public static string Write(Uri self, Uri alternate, string title, DateTimeOffset updated, IEnumerable<FeedPaper> papers)
    {
        var output = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, CheckCharacters = false };
        using (var writer = XmlWriter.Create(new StringWriterWithEncoding(output), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", AtomNamespace);
            writer.WriteElementString("id", AtomNamespace, self.AbsoluteUri);
            writer.WriteElementString("title", AtomNamespace, title);
            writer.WriteElementString("updated", AtomNamespace, Timestamp(updated));
            Link(writer, "self", self);
            Link(writer, "alternate", alternate);
            writer.WriteStartElement("author", AtomNamespace);
            writer.WriteElementString("name", AtomNamespace, "PaperDigest");
            writer.WriteEndElement();
            writer.WriteElementString("generator", AtomNamespace, "PaperDigest");

            foreach (var paper in papers)
            {
                writer.WriteStartElement("entry", AtomNamespace);
                writer.WriteElementString("id", AtomNamespace, paper.Page.AbsoluteUri);
                writer.WriteElementString("title", AtomNamespace, Clean(paper.Title));
                writer.WriteElementString("updated", AtomNamespace, Timestamp(paper.Updated));
                if (paper.Published is { } published)
                    writer.WriteElementString("published", AtomNamespace, Timestamp(published));
                Link(writer, "alternate", paper.Page);
                Link(writer, "related", paper.Arxiv);
                foreach (var author in paper.Authors)
                {
                    writer.WriteStartElement("author", AtomNamespace);
                    writer.WriteElementString("name", AtomNamespace, Clean(author));
                    writer.WriteEndElement();
                }
                if (paper.Summary is { Length: > 0 } summary)
                {
                    writer.WriteStartElement("summary", AtomNamespace);
                    writer.WriteAttributeString("type", "text");
                    writer.WriteString(Clean(summary));
                    writer.WriteEndElement();
                }
                writer.WriteStartElement("content", AtomNamespace);
                writer.WriteAttributeString("type", "html");
                writer.WriteString(Clean(ContentHtml(paper)));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return output.ToString();
    }

    // Escaped HTML inside the XML: the reader decodes it once and renders it, so scraped text is encoded here first.
    private static string ContentHtml(FeedPaper paper)
    {
        var html = new StringBuilder();
        if (paper.Abstract.Length > 0)
            html.Append("<p>").Append(HtmlEncoder.Default.Encode(TexText.Render(paper.Abstract).Text)).Append("</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{paper.Page.AbsoluteUri}\">PaperDigest</a> · <a href=\"{paper.Arxiv.AbsoluteUri}\">arXiv</a> · <a href=\"{ArxivId.PdfUrl(paper.Id).AbsoluteUri}\">PDF</a></p>");
        return html.ToString();
    }

    private static void Link(XmlWriter writer, string relation, Uri href)
    {
        writer.WriteStartElement("link", AtomNamespace);
        writer.WriteAttributeString("rel", relation);
        writer.WriteAttributeString("href", href.AbsoluteUri);
        writer.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // XML 1.0 cannot carry most control characters; scraped text occasionally has them, so they are dropped.
    private static string Clean(string text) => new(text.Where(XmlConvert.IsXmlChar).ToArray());

    private sealed class StringWriterWithEncoding(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}

/// <summary>What a feed entry needs about a paper, with the app's absolute links already made.</summary>
internal sealed record FeedPaper(
    string Id, Uri Page, Uri Arxiv, string Title, string Abstract, string? Summary, IReadOnlyList<string> Authors, DateTimeOffset Updated, DateTimeOffset? Published);
