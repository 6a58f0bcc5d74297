using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace PaperDigest.Core.Papers;

/// <summary>What a listing card shows about a paper.</summary>
public sealed record PaperSummary(
    string ArxivId, string Title, IReadOnlyList<string> Authors, int Upvotes, int Comments, int? GithubStars,
    string? OrganizationName, string? GithubUrl, IReadOnlyList<TagRef> Tags, bool HasThumbnail, DateOnly? PinnedDay = null)
{
    /// <summary>The one translation from a stored paper to a card, usable inside database queries.</summary>
    public static Expression<Func<Paper, PaperSummary>> FromPaper { get; } =
        p => new PaperSummary(p.ArxivId, p.Title, p.Authors, p.Upvotes, p.Comments, p.GithubStars, p.OrganizationName, p.GithubUrl,
            p.Tags.OrderBy(t => t.Tag.Name).Select(t => new TagRef(t.Tag.Slug, t.Tag.Name)).ToList(),
            p.Thumbnail != null && p.Thumbnail.Image != null, p.PinnedDay);

    public Uri ArxivUrl => Papers.ArxivId.AbstractUrl(ArxivId);
    public Uri PdfUrl => Papers.ArxivId.PdfUrl(ArxivId);

    /// <summary>Cards for the papers, in the ids' order (hidden papers left out).</summary>
    public static async Task<IReadOnlyList<PaperSummary>> LoadInOrderAsync(IQueryable<Paper> papers, IReadOnlyList<string> arxivIds,
        CancellationToken cancellationToken) =>
        (await LoadInOrderAsync(papers, arxivIds.Select(id => (id, false)).ToList(), cancellationToken)).Select(hit => hit.Card).ToList();

    /// <summary>
    /// Cards for papers a ranking query has already chosen, in the ranking's order, each with what the ranking computed
    /// for it (a snippet, a score). Rankings select ids and those extras first and come here, so every card is built by
    /// <see cref="FromPaper"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(PaperSummary Card, T Extra)>> LoadInOrderAsync<T>(
        IQueryable<Paper> papers, IReadOnlyList<(string ArxivId, T Extra)> ranked, CancellationToken cancellationToken)
    {
        var ids = ranked.Select(r => r.ArxivId).ToList();
        var byId = await papers.AsNoTracking().Where(p => ids.Contains(p.ArxivId)).Select(FromPaper)
            .ToDictionaryAsync(s => s.ArxivId, cancellationToken);
        return ranked.Where(r => byId.ContainsKey(r.ArxivId)).Select(r => (byId[r.ArxivId], r.Extra)).ToList();
    }
}

/// <summary>A tag as a card links to it.</summary>
public sealed record TagRef(string Slug, string Name);
