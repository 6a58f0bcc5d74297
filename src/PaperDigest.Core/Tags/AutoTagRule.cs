namespace PaperDigest.Core.Tags;

/// <summary>
/// A rule that puts its tag on every paper it matches, applied at ingest (and to stored papers on request). A tag a
/// curator removed from a paper is never put back by a rule.
/// </summary>
public sealed class AutoTagRule
{
    public const int MaxPatternLength = 300;

    public int Id { get; set; }
    public int TagId { get; set; }
    public TagRuleKind Kind { get; set; }
    /// <summary>Where a keyword or regular expression is looked for; null for categories and AI keywords.</summary>
    public TagRuleField? Field { get; set; }
    public required string Pattern { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public Tag Tag { get; set; } = null!;
}

public enum TagRuleKind
{
    /// <summary>The paper is in this arXiv category (exactly, such as <c>cs.CL</c>).</summary>
    Category,
    /// <summary>A word or phrase, as whole words, in the paper's AI keywords.</summary>
    AiKeyword,
    /// <summary>A word or phrase, as whole words and in any case, in the title or abstract.</summary>
    Keyword,
    /// <summary>A .NET regular expression (case-insensitive, time-limited) in the title or abstract.</summary>
    Regex,
}

public enum TagRuleField
{
    Title,
    Abstract,
    TitleOrAbstract,
}
