namespace PaperDigest.Core.Papers;

/// <summary>
/// An arXiv id merged into another paper: sources that still list the old id update the kept paper, and links to the
/// old id lead to it.
/// </summary>
public sealed class PaperAlias
{
    public required string AliasId { get; set; }
    public required string ArxivId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
}
