using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tags;

/// <summary>Reads the tags with their paper counts, and a tag's most upvoted papers.</summary>
public sealed class TagListings(PaperDigestDbContext db)
{
    public const int PapersShown = 100;

    /// <summary>
    /// Tags with how many papers carry them, from the stored <see cref="Tag.PaperCount"/>. The counts include papers an
    /// admin hid (rare): leaving them out costs a join with every paper on each listing page; the papers themselves are
    /// never shown.
    /// </summary>
    public Task<List<TagCount>> AllAsync(CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking()
            .Where(t => t.PaperCount > 0)
            .OrderByDescending(t => t.PaperCount).ThenBy(t => t.Slug)
            .Select(t => new TagCount(t.Slug, t.Name, t.PaperCount))
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

    /// <summary>The address of the tag an unknown <paramref name="slug"/> was merged into; null when it never was.</summary>
    public Task<string?> MergedIntoAsync(string slug, CancellationToken cancellationToken) =>
        db.TagAliases.Where(a => a.Slug == slug)
            .Join(db.Tags, a => a.TagId, t => t.Id, (a, t) => t.Slug)
            .FirstOrDefaultAsync(cancellationToken);
}

/// <summary>A tag and how many papers carry it.</summary>
public sealed record TagCount(string Slug, string Name, int Papers);
