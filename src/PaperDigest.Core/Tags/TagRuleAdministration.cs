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
    public const int PreviewPapers = 5000;
    public const int PreviewExamples = 20;
    private const int ApplyBatch = 1000;

    public Task<List<AutoTagRule>> ListAsync(CancellationToken cancellationToken) =>
        db.TagRules.AsNoTracking().Include(r => r.Tag).OrderBy(r => r.Tag.Name).ThenBy(r => r.Kind).ThenBy(r => r.Pattern).ToListAsync(cancellationToken);

    /// <summary>What the rule would tag among the newest papers, or why the rule cannot be made.</summary>
    public async Task<Outcome<RulePreview>> PreviewAsync(TagRuleKind kind, TagRuleField? field, string? pattern, CancellationToken cancellationToken)
    {
        if (TagRuleSet.Problem(kind, pattern) is { } problem)
            return Outcome.Refused<RulePreview>(problem);
        var rules = TagRuleSet.Compile([new AutoTagRule { Kind = kind, Field = field, Pattern = pattern!.Trim(), CreatedBy = "" }]);
        var papers = await MatchableQuery().OrderByDescending(p => p.FirstSeenAt).Take(PreviewPapers).ToListAsync(cancellationToken);
        var matches = papers.Where(p => rules.TagsFor(p).Count > 0).ToList();
        return Outcome.Of(new RulePreview(papers.Count, matches.Count, matches.Take(PreviewExamples).Select(p => (p.ArxivId, p.Title)).ToList()));
    }

    public async Task<Outcome> CreateAsync(string actor, int tagId, TagRuleKind kind, TagRuleField? field, string? pattern, CancellationToken cancellationToken)
    {
        if (TagRuleSet.Problem(kind, pattern) is { } problem)
            return Outcome.Refused(problem);
        if (await db.Tags.FirstOrDefaultAsync(t => t.Id == tagId, cancellationToken) is not { } tag)
            return Outcome.Refused("There is no such tag; reload the page.");
        var rule = new AutoTagRule
        {
            TagId = tagId, Kind = kind, Field = kind is TagRuleKind.Keyword or TagRuleKind.Regex ? field ?? TagRuleField.TitleOrAbstract : null,
            Pattern = pattern!.Trim(), CreatedBy = actor, CreatedAt = clock.GetUtcNow(),
        };
        db.TagRules.Add(rule);
        audit.Add(actor, "tag-rule.create", $"tag {tag.Slug}", null, Describe(rule));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Deletes the rule; the tags it already put on papers go when a re-scrape next changes those papers.</summary>
    public async Task<Outcome> DeleteAsync(string actor, int ruleId, CancellationToken cancellationToken)
    {
        if (await db.TagRules.Include(r => r.Tag).FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) is not { } rule)
            return NoSuchRule;
        db.TagRules.Remove(rule);
        audit.Add(actor, "tag-rule.delete", $"tag {rule.Tag.Slug}", Describe(rule), null);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }

    private static readonly Outcome NoSuchRule = Outcome.Refused("There is no such rule; reload the page.");

    /// <summary>
    /// Puts the rule's tag on every stored paper it matches (hidden ones too), a batch at a time in id order so memory
    /// stays flat; papers a curator took the tag off keep it off. Gives how many papers got the tag.
    /// </summary>
    public async Task<Outcome<int>> ApplyToExistingAsync(string actor, int ruleId, CancellationToken cancellationToken)
    {
        if (await db.TagRules.AsNoTracking().Include(r => r.Tag).FirstOrDefaultAsync(r => r.Id == ruleId, cancellationToken) is not { } rule)
            return Outcome.Refused<int>(NoSuchRule.Problem!);
        var rules = TagRuleSet.Compile([rule]);
        var tagged = 0;
        var after = "";
        // Keyset paging runs in PostgreSQL, where the comparison and the ORDER BY use the same collation.
#pragma warning disable CA1309
        while (await MatchableQuery().Where(p => string.Compare(p.ArxivId, after) > 0).OrderBy(p => p.ArxivId).Take(ApplyBatch)
                   .ToListAsync(cancellationToken) is { Count: > 0 } batch)
#pragma warning restore CA1309
        {
            after = batch[^1].ArxivId;
            var ids = batch.Where(p => rules.TagsFor(p).Count > 0).Select(p => p.ArxivId).ToArray();
            if (ids.Length > 0)
                tagged += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT id, {rule.TagId}, {nameof(TagOrigin.Rule)} FROM unnest({ids}) AS id
                    ON CONFLICT (arxiv_id, tag_id) DO NOTHING
                    """, cancellationToken);
        }
        audit.Add(actor, "tag-rule.apply", $"tag {rule.Tag.Slug}", Describe(rule), $"{tagged} papers tagged");
        await db.SaveChangesAsync(cancellationToken);
        await pageCache.EvictAsync(cancellationToken);
        return Outcome.Of(tagged);
    }

    public static string Describe(AutoTagRule rule) => rule.Field is { } field ? $"{rule.Kind} in {field}: {rule.Pattern}" : $"{rule.Kind}: {rule.Pattern}";

    // Only what rules read, so a scan does not drag every column through.
    private IQueryable<Paper> MatchableQuery() =>
        db.Papers.IgnoreQueryFilters().AsNoTracking().Select(p => new Paper
        {
            ArxivId = p.ArxivId, Title = p.Title, Abstract = p.Abstract, Categories = p.Categories, AiKeywords = p.AiKeywords, FirstSeenAt = p.FirstSeenAt,
        });
}

/// <summary>How many of the newest papers a rule would tag, with some of them.</summary>
public sealed record RulePreview(int Scanned, int Matches, List<(string ArxivId, string Title)> Examples);
