using System.Text;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers.Curation;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Tags;

/// <summary>
/// Tags as curators manage them: create, rename, merge, delete, and put on or take off papers one at a time or in bulk.
/// Slugs never change (they are in URLs and subscribers' preferences); a merge moves both papers and subscribers.
/// Every change is audited and empties the public page cache.
/// </summary>
public sealed class TagCuration(PaperDigestDbContext db, AuditLog audit, PublicPageCache pageCache)
{
    public const int MaxNameLength = 120;

    /// <summary>Every tag with how many shown papers carry it, and how many subscribers follow it.</summary>
    public async Task<List<CuratedTag>> ListAsync(CancellationToken cancellationToken)
    {
        var followers = await db.Database.SqlQuery<TagFollowers>($"""
                SELECT tag AS slug, count(*)::int AS followers FROM subscribers, unnest(tags) AS tag GROUP BY tag
                """).ToDictionaryAsync(f => f.Slug, f => f.Followers, cancellationToken);
        return (await db.Tags.AsNoTracking().OrderBy(t => t.Name)
                .Select(t => new { t.Id, t.Slug, t.Name, Papers = t.Papers.Count(pt => pt.Paper.HiddenAt == null) })
                .ToListAsync(cancellationToken))
            .Select(t => new CuratedTag(t.Id, t.Slug, t.Name, t.Papers, followers.GetValueOrDefault(t.Slug)))
            .ToList();
    }

    /// <summary>Every tag's id and name, for choosing one in a form (no counts: those cost a join with every paper).</summary>
    public Task<List<TagChoice>> ChoicesAsync(CancellationToken cancellationToken) =>
        db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new TagChoice(t.Id, t.Name)).ToListAsync(cancellationToken);

    /// <summary>Creates a tag; returns a sentence saying what is wrong, or null.</summary>
    public async Task<Outcome> CreateAsync(string actor, string? name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
            return Outcome.Refused(problem);
        var slug = Slug(name!);
        if (slug.Length == 0)
            return Outcome.Refused("A tag name needs at least one letter or digit.");
        if (await db.Tags.AnyAsync(t => t.Slug == slug, cancellationToken))
            return Outcome.Refused($"A tag with the address {slug} exists already; rename that one or choose another name.");
        // A new tag takes back an address a merge had pointed elsewhere.
        if (await db.TagAliases.FindAsync([slug], cancellationToken) is { } alias)
            db.TagAliases.Remove(alias);
        var tag = new Tag { Slug = slug, Name = name!.Trim() };
        db.Tags.Add(tag);
        // Saved first, in one transaction with its audit row, so the row can name the tag by its id.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit.Add(actor, "tag.create", AuditSubject(tag), null, tag.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The tag index lists it, and its address may have redirected to a tag it was merged into.
        await pageCache.EvictAsync([PageTags.Lists, PageTags.Tag(slug)], cancellationToken);
        return Outcome.Done;
    }

    public async Task<Outcome> RenameAsync(string actor, int tagId, string? name, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
            return Outcome.Refused(problem);
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken) is not { } tag)
            return Outcome.Refused(NoSuchTag);
        audit.Add(actor, "tag.rename", AuditSubject(tag), tag.Name, name!.Trim());
        tag.Name = name.Trim();
        await CommitAsync(cancellationToken);   // a tag's name shows on every card of its papers
        return Outcome.Done;
    }

    /// <summary>Moves every paper, rule and subscriber of one tag to another, then deletes the first.</summary>
    public async Task<Outcome> MergeAsync(string actor, int fromId, int intoId, CancellationToken cancellationToken)
    {
        var from = await db.Tags.FirstOrDefaultAsync(t => t.Id == fromId, cancellationToken);
        var into = await db.Tags.FirstOrDefaultAsync(t => t.Id == intoId, cancellationToken);
        if (from is null || into is null || from.Id == into.Id)
            return Outcome.Refused("Choose two different tags to merge; reload the page if one was just deleted.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A paper keeps the stronger origin when it had both tags: a curator's choice (or removal) over a rule's.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT arxiv_id, {into.Id}, origin FROM paper_tags WHERE tag_id = {from.Id}
            ON CONFLICT (arxiv_id, tag_id) DO UPDATE SET origin = CASE WHEN paper_tags.origin = {nameof(TagOrigin.Rule)} THEN excluded.origin ELSE paper_tags.origin END;
            UPDATE tag_rules SET tag_id = {into.Id} WHERE tag_id = {from.Id};
            UPDATE subscribers SET tags = ARRAY(SELECT DISTINCT t FROM unnest(array_replace(tags, {from.Slug}, {into.Slug})) AS t ORDER BY t)
            WHERE {from.Slug} = ANY(tags);
            UPDATE tag_aliases SET tag_id = {into.Id} WHERE tag_id = {from.Id};
            INSERT INTO tag_aliases (slug, tag_id, merged_at) VALUES ({from.Slug}, {into.Id}, now())
            ON CONFLICT (slug) DO UPDATE SET tag_id = excluded.tag_id, merged_at = excluded.merged_at;
            DELETE FROM tags WHERE id = {from.Id};
            """, cancellationToken);
        audit.Add(actor, "tag.merge", AuditSubject(from), from.Slug, into.Slug);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await pageCache.EvictAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Deletes the tag, taking it off its papers and deleting its auto-tag rules, each one audited.</summary>
    public async Task<Outcome> DeleteAsync(string actor, int tagId, CancellationToken cancellationToken)
    {
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken) is not { } tag)
            return Outcome.Refused(NoSuchTag);
        // Subscribers following only this tag would suddenly get every paper; merging keeps their intent.
        var followers = await db.Subscribers.CountAsync(s => s.Preferences.Tags.Contains(tag.Slug), cancellationToken);
        if (followers > 0)
            return Outcome.Refused($"{Wording.Plural.Of(followers, "subscriber")} {(followers == 1 ? "follows" : "follow")} {tag.Name}; merge it into another tag instead, so their digests keep a topic.");
        var papers = await db.PaperTags.CountAsync(pt => pt.TagId == tag.Id && pt.Origin != TagOrigin.Removed, cancellationToken);
        var rules = await db.TagRules.Where(r => r.TagId == tag.Id).ToListAsync(cancellationToken);
        foreach (var rule in rules)
            audit.Add(actor, "tag-rule.delete", AuditSubject(tag), TagRuleWording.Describe(rule), "deleted with its tag");
        db.Tags.Remove(tag);
        audit.Add(actor, "tag.delete", AuditSubject(tag), tag.Name,
            $"deleted: taken off {Wording.Plural.Of(papers, "paper")}, {Wording.Plural.Of(rules.Count, "rule")} deleted");
        await CommitAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>
    /// Puts the tag on (or takes it off) each paper; a curator's removal is remembered so rules do not undo it. Gives
    /// how many papers changed and how many had (or lacked) the tag already.
    /// </summary>
    public async Task<Outcome<BulkChange>> TagPapersAsync(string actor, IReadOnlyCollection<string> arxivIds, int tagId, bool add, CancellationToken cancellationToken)
    {
        if (arxivIds.Count == 0 || arxivIds.Count > PaperCuration.MaxBulkPapers)
            return Outcome.Refused<BulkChange>($"Select between 1 and {PaperCuration.MaxBulkPapers} papers.");
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken) is not { } tag)
            return Outcome.Refused<BulkChange>(NoSuchTag);
        var ids = arxivIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Papers.IgnoreQueryFilters().Where(p => ids.Contains(p.ArxivId)).Select(p => p.ArxivId).ToListAsync(cancellationToken);
        if (known.Count != ids.Count)
            return Outcome.Refused<BulkChange>("Some selected papers do not exist any more; reload the page and select again.");
        var existing = await db.PaperTags.IgnoreQueryFilters().Where(pt => pt.TagId == tagId && ids.Contains(pt.ArxivId))
            .ToDictionaryAsync(pt => pt.ArxivId, cancellationToken);
        var origin = add ? TagOrigin.Curator : TagOrigin.Removed;
        var changed = 0;
        foreach (var id in ids)
        {
            var before = existing.TryGetValue(id, out var paperTag) ? paperTag.Origin : (TagOrigin?)null;
            var had = before is TagOrigin.Curator or TagOrigin.Rule;
            if (before == origin || (!add && !had))
                continue;
            // A rule's tag a curator adds becomes the curator's (so it outlives the rule), but the paper had it already.
            if (add != had)
                changed++;
            if (paperTag is null)
                db.PaperTags.Add(new PaperTag { ArxivId = id, TagId = tagId, Origin = origin });
            else
                paperTag.Origin = origin;
            audit.Add(actor, add ? "paper.tag" : "paper.untag", $"paper {id}", before?.ToString(), $"{AuditSubject(tag)}: {origin}");
        }
        await db.SaveChangesAsync(cancellationToken);
        await pageCache.EvictPapersAsync(ids, cancellationToken);
        return Outcome.Of(new BulkChange(changed, ids.Count - changed));
    }

    private const string NoSuchTag = "There is no such tag; reload the page.";

    private static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A tag needs a name."
        : name.Trim().Length > MaxNameLength ? $"A tag name is at most {MaxNameLength} characters."
        : null;

    /// <summary>The URL form of a name: lowercase ASCII letters and digits, words joined by hyphens.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                slug.Append(c);
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
                slug.Append('-');
        }
        return slug.ToString().Trim('-') is var result && result.Length > 80 ? result[..80].TrimEnd('-') : result;
    }

    /// <summary>
    /// How the audit log names a tag: its address (which the log's links follow), and its id and name, so a tag merged
    /// away and a new one at the same address read apart.
    /// </summary>
    internal static string AuditSubject(Tag tag) => $"tag {tag.Slug} (#{tag.Id}, {tag.Name})";

    // Renaming and deleting change pages across the site (every card names its tags), so every page goes.
    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await pageCache.EvictAsync(cancellationToken);
    }

    private sealed record TagFollowers(string Slug, int Followers);
}

/// <summary>A tag as a form offers it.</summary>
public sealed record TagChoice(int Id, string Name);

/// <summary>A tag as the admin's tag page shows it.</summary>
public sealed record CuratedTag(int Id, string Slug, string Name, int Papers, int Followers);
