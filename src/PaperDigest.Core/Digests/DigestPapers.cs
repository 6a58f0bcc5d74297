using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Digests;

/// <summary>Loads papers as digests show them, in the order of the ids given.</summary>
public static class DigestPapers
{
    private const int SummaryLength = 320;
    private const int AuthorsShown = 3;

    public static async Task<IReadOnlyList<DigestPaper>> LoadAsync(PaperDigestDbContext db, IReadOnlyList<string> arxivIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = arxivIds.ToList();
        var rows = await db.Papers.AsNoTracking().Where(p => ids.Contains(p.ArxivId))
            .Select(p => new
            {
                p.ArxivId, p.Title, p.Authors, p.Upvotes, p.Comments, p.GithubUrl,
                Summary = p.AiSummary ?? p.Abstract.Substring(0, SummaryLength + 1),
            })
            .ToDictionaryAsync(p => p.ArxivId, cancellationToken);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).Select(p => new DigestPaper(
            p.ArxivId, p.Title,
            p.Authors.Count > AuthorsShown ? $"{string.Join(", ", p.Authors.Take(AuthorsShown))} +{p.Authors.Count - AuthorsShown}" : string.Join(", ", p.Authors),
            p.Upvotes, p.Comments, Shorten(p.Summary), p.GithubUrl)).ToList();
    }

    // Cut at a word boundary, so a summary never ends mid-word.
    private static string Shorten(string text) =>
        text.Length <= SummaryLength ? text : text[..(text.LastIndexOf(' ', SummaryLength) is > 0 and var space ? space : SummaryLength)] + " …";
}
