using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tags;

/// <summary>Links a paper to a tag and remembers whether a rule or a curator put it there.</summary>
public sealed class PaperTag
{
    public required string ArxivId { get; set; }
    public int TagId { get; set; }
    public TagOrigin Origin { get; set; }

    public Paper Paper { get; set; } = null!;
    public Tag Tag { get; set; } = null!;
}

public enum TagOrigin
{
    Rule,
    Curator,
    /// <summary>A curator took the tag off: the row stays, hidden from every query, so no rule puts the tag back.</summary>
    Removed,
}
