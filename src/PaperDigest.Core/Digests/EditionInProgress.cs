using PaperDigest.Core.Mail;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Digests;

/// <summary>One edition being sent: its candidate papers, and the bodies rendered so far.</summary>
internal sealed class EditionInProgress(DigestFrequency frequency, DateOnly day, DigestCandidates candidates, long id)
{
    private const int MaxCachedBodies = 10_000;
    // Subscribers with the same filters get the same papers: each distinct selection is rendered and encoded once a
    // run, with a placeholder where each reader's own link token goes. Only the preparing thread touches it.
    private readonly Dictionary<string, (string Title, PreEncodedBody Encoded)> bodies = new(StringComparer.Ordinal);

    public DigestFrequency Frequency => frequency;

    public DateOnly Day => day;

    public long Id => id;

    public DigestSelection Choose(Reader reader) => candidates.Choice.Choose(reader.Preferences, reader.PreviousDigestDay, reader.Received, reader.Interest);

    public async Task<(string Title, PreEncodedBody Encoded)> BodyAsync(DigestSelection papers, DigestRenderer renderer, SiteAddress site)
    {
        // The reasons are part of the body ("close to: …" differs from reader to reader).
        var key = string.Join(' ', papers.Curated.Select(id => id + "=" + papers.ReasonFor(id))) + " | "
                  + string.Join(' ', papers.Arxiv.Select(id => id + "=" + papers.ReasonFor(id)));
        if (bodies.TryGetValue(key, out var body))
            return body;
        if (bodies.Count >= MaxCachedBodies)
            bodies.Clear();
        var content = candidates.WithPapers(papers, site.MailLink(SiteLinks.SubscriberPage(LinkTokens.Placeholder)));
        return bodies[key] = (content.Title, PreEncodedBody.Encode(await renderer.RenderHtmlAsync(content), DigestText.Render(content), LinkTokens.Placeholder));
    }
}
