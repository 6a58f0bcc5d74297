namespace PaperDigest.Core.Papers;

/// <summary>Upvotes, comments and GitHub stars as observed at one moment; a new row only when a value changed.</summary>
public sealed class PaperMetricSnapshot
{
    public long Id { get; set; }
    public required string ArxivId { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset ObservedAt { get; set; }
    public int? Upvotes { get; set; }
    public int? Comments { get; set; }
    public int? GithubStars { get; set; }

    public Paper Paper { get; set; } = null!;
}
