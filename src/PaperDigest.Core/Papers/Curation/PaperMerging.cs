using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Papers.Curation;

/// <summary>
/// Merges two records of the same paper: the duplicate's listings, metrics, tags and thumbnail move to the kept
/// paper where it lacks them, subscribers' received papers follow, and the duplicate's id becomes an alias. One
/// transaction, audited.
/// </summary>
public sealed class PaperMerging(PaperDigestDbContext db, AuditLog audit, PublicPageCache pageCache, TimeProvider clock)
{
    /// <summary>Merges <paramref name="duplicateId"/> into the paper <paramref name="keptInput"/> names (any spelling of its id).</summary>
    public async Task<Outcome<string>> MergeAsync(string actor, string duplicateId, string? keptInput, CancellationToken cancellationToken)
    {
        if (!ArxivId.TryNormalize(keptInput, out var keptId))
            return Outcome.Refused<string>("Give the arXiv id of the paper to keep, such as 2401.00001.");
        if (keptId == duplicateId)
            return Outcome.Refused<string>("A paper cannot be merged into itself; give the other record's id.");
        var ids = new[] { duplicateId, keptId };
        if (await db.Papers.IgnoreQueryFilters().CountAsync(p => ids.Contains(p.ArxivId), cancellationToken) != 2)
            return Outcome.Refused<string>($"There is no paper {keptId} (or {duplicateId} is gone); check the id.");

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO listings (arxiv_id, source, day, rank, kind)
            SELECT {keptId}, source, day, rank, kind FROM listings WHERE arxiv_id = {duplicateId}
            ON CONFLICT (source, day, arxiv_id) DO NOTHING;
            DELETE FROM listings WHERE arxiv_id = {duplicateId};
            UPDATE paper_metrics SET arxiv_id = {keptId} WHERE arxiv_id = {duplicateId};
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT {keptId}, tag_id, origin FROM paper_tags WHERE arxiv_id = {duplicateId}
            ON CONFLICT (arxiv_id, tag_id) DO NOTHING;
            UPDATE paper_thumbnails SET arxiv_id = {keptId}
            WHERE arxiv_id = {duplicateId} AND NOT EXISTS (SELECT 1 FROM paper_thumbnails WHERE arxiv_id = {keptId});
            UPDATE digest_deliveries SET paper_ids = ARRAY(SELECT DISTINCT unnest(array_replace(paper_ids, {duplicateId}, {keptId})))
            WHERE {duplicateId} = ANY(paper_ids);
            UPDATE paper_aliases SET arxiv_id = {keptId} WHERE arxiv_id = {duplicateId};
            DELETE FROM papers WHERE arxiv_id = {duplicateId};
            INSERT INTO paper_aliases (alias_id, arxiv_id, merged_at) VALUES ({duplicateId}, {keptId}, {clock.GetUtcNow()});
            """, cancellationToken);
        audit.Add(actor, "paper.merge", $"paper {duplicateId}", duplicateId, $"merged into {keptId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await pageCache.EvictAsync(cancellationToken);
        return Outcome.Of(keptId);
    }
}
