using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tags;

/// <summary>Reads the tags with their paper counts, and a tag's most upvoted papers.</summary>
public sealed class TagListings(PaperDigestDbContext db)
{
    public const int PapersShown = 100;

    public Task<List<TagCount>> AllAsync(CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking()
            .Select(t => new { t.Slug, t.Name, Papers = t.Papers.Count(pt => pt.Paper.HiddenAt == null) })
            .Where(t => t.Papers > 0)
            .OrderByDescending(t => t.Papers).ThenBy(t => t.Slug)
            .Select(t => new TagCount(t.Slug, t.Name, t.Papers))
            .ToListAsync(cancellationToken);

    /// <summary>The tag and its most upvoted papers; null for an unknown slug.</summary>
    public async Task<(Tag Tag, List<PaperSummary> Papers)?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tag is null)
            return null;
        var papers = await db.Papers.AsNoTracking()
            .Where(p => p.Tags.Any(t => t.TagId == tag.Id))
            .OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId)
            .Take(PapersShown)
            .Select(PaperSummary.FromPaper)
            .ToListAsync(cancellationToken);
        return (tag, papers);
    }
}

/// <summary>A tag and how many papers carry it.</summary>
public sealed record TagCount(string Slug, string Name, int Papers);
