using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Tags;

/// <summary>
/// Curators' auto-tag rules: preview what a rule would tag, create and delete rules, and apply one to the papers
/// already stored (new papers get it at ingest). Changes are audited.
/// </summary>
public sealed class TagRuleAdministration(PaperDigestDbContext db, AuditLog audit, PublicPageCache pageCache, TimeProvider clock)
{
    /// <summary>A preview looks at this many of the newest papers, so it answers at once whatever the archive's size.</summary>
    public const int PreviewExamples = 20;
    private const int ApplyBatch = 1000;

    public Task<List<AutoTagRule>> ListAsync(CancellationToken cancellationToken) =>
        db.TagRules.AsNoTracking().Include(r => r.Tag).OrderBy(r => r.Tag.Name).ThenBy(r => r.Kind).ThenBy(r => r.Pattern).ToListAsync(cancellationToken);

    /// <summary>What the rule would tag among the newest papers, or why the rule cannot be made.</summary>
    /// <summary>
    /// Which stored papers the rule would match, counted over every stored paper as applying it goes through them, so
    /// the preview and "Apply to stored papers" agree.
    /// </summary>
    public async Task<Outcome<RulePreview>> PreviewAsync(TagRuleKind kind, TagRuleField? field, string? pattern, CancellationToken cancellationToken)
    {
        if (TagRuleSet.Problem(kind, pattern) is { } problem)
            return Outcome.Refused<RulePreview>(problem);
        var rules = TagRuleSet.Compile([new AutoTagRule { Kind = kind, Field = FieldOf(kind, field), Pattern = pattern!.Trim(), CreatedBy = "" }]);
        int scanned = 0, matches = 0;
        var examples = new List<(string ArxivId, string Title)>();
        await foreach (var batch in StoredPapersAsync(cancellationToken))
        {
            scanned += batch.Count;
            foreach (var paper in batch.Where(p => rules.TagsFor(p).Count > 0))
            {
                matches++;
                if (examples.Count < PreviewExamples)
                    examples.Add((paper.ArxivId, paper.Title));
            }
        }
        return Outcome.Of(new RulePreview(scanned, matches, examples));
    }

    public async Task<Outcome> CreateAsync(string actor, int tagId, TagRuleKind kind, TagRuleField? field, string? pattern, CancellationToken cancellationToken)
    {
        if (TagRuleSet.Problem(kind, pattern) is { } problem)
            return Outcome.Refused(problem);
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken) is not { } tag)
            return Outcome.Refused("There is no such tag; reload the page.");
        var rule = new AutoTagRule
        {
            TagId = tagId, Kind = kind, Field = FieldOf(kind, field),
            Pattern = pattern!.Trim(), CreatedBy = actor, CreatedAt = clock.GetUtcNow(),
        };
        db.TagRules.Add(rule);
        audit.Add(actor, "tag-rule.create", TagCuration.AuditSubject(tag), null, TagRuleWording.Describe(rule));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Deletes the rule; the tags it already put on papers go when a re-scrape next changes those papers.</summary>
    public async Task<Outcome> DeleteAsync(string actor, int ruleId, CancellationToken cancellationToken)
    {
        if (await db.TagRules.Include(r => r.Tag).FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) is not { } rule)
            return NoSuchRule;
        db.TagRules.Remove(rule);
        audit.Add(actor, "tag-rule.delete", TagCuration.AuditSubject(rule.Tag), TagRuleWording.Describe(rule), null);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    private static readonly Outcome NoSuchRule = Outcome.Refused("There is no such rule; reload the page.");

    /// <summary>
    /// Puts the rule's tag on every stored paper it matches (hidden ones too), a batch at a time so memory stays flat;
    /// papers a curator took the tag off keep it off. Gives how many papers matched and how many of them got the tag;
    /// <paramref name="progress"/> is told how many papers have been looked at after each batch.
    /// </summary>
    public async Task<Outcome<RuleApplied>> ApplyToExistingAsync(string actor, int ruleId, CancellationToken cancellationToken,
        Func<int, CancellationToken, Task>? progress = null)
    {
        if (await db.TagRules.AsNoTracking().Include(r => r.Tag).FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) is not { } rule)
            return Outcome.Refused<RuleApplied>(NoSuchRule.Problem!);
        var rules = TagRuleSet.Compile([rule]);
        int scanned = 0, matched = 0, tagged = 0;
        await foreach (var batch in StoredPapersAsync(cancellationToken))
        {
            scanned += batch.Count;
            var ids = batch.Where(p => rules.TagsFor(p).Count > 0).Select(p => p.ArxivId).ToArray();
            matched += ids.Length;
            if (ids.Length > 0)
                tagged += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT id, {rule.TagId}, {nameof(TagOrigin.Rule)} FROM unnest({ids}) AS id
                    ON CONFLICT (arxiv_id, tag_id) DO NOTHING
                    """, cancellationToken);
            if (progress is not null)
                await progress(scanned, cancellationToken);
        }
        audit.Add(actor, "tag-rule.apply", TagCuration.AuditSubject(rule.Tag), TagRuleWording.Describe(rule), $"{matched} papers matched, {tagged} tagged");
        await db.SaveChangesAsync(cancellationToken);
        // A rule can tag thousands of papers across every day; past a handful, every page goes.
        if (tagged > 0)
            await pageCache.EvictAsync(cancellationToken);
        return Outcome.Of(new RuleApplied(matched, tagged));
    }

    // Words and regular expressions look in the title or abstract unless the curator narrowed it; the others have no field.
    private static TagRuleField? FieldOf(TagRuleKind kind, TagRuleField? field) =>
        kind is TagRuleKind.Keyword or TagRuleKind.Regex ? field ?? TagRuleField.TitleOrAbstract : null;

    // Every stored paper, a batch at a time in id order (keyset paging in PostgreSQL, where the comparison and the
    // ORDER BY use the same collation), so memory stays flat at any size.
    private async IAsyncEnumerable<List<Paper>> StoredPapersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
#pragma warning disable CA1309
        while (await MatchableQuery().Where(p => string.Compare(p.ArxivId, after) > 0).OrderBy(p => p.ArxivId).Take(ApplyBatch)
                   .ToListAsync(cancellationToken) is { Count: > 0 } batch)
#pragma warning restore CA1309
        {
            after = batch[^1].ArxivId;
            yield return batch;
        }
    }

    // Only what rules read, so a scan does not drag every column through.
    private IQueryable<Paper> MatchableQuery() =>
        db.Papers.IgnoreQueryFilters().AsNoTracking().Select(p => new Paper
        {
            ArxivId = p.ArxivId, Title = p.Title, Abstract = p.Abstract, Categories = p.Categories, AiKeywords = p.AiKeywords, FirstSeenAt = p.FirstSeenAt,
        });
}

/// <summary>How many of the stored papers a rule would match, with some of them.</summary>
public sealed record RulePreview(int Scanned, int Matches, List<(string ArxivId, string Title)> Examples);

/// <summary>What applying a rule to the stored papers did: the papers it matched, and how many of them newly got the tag.</summary>
public sealed record RuleApplied(int Matched, int Tagged);
