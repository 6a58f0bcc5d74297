namespace PaperDigest.Core.Papers;

/// <summary>A paper's appearance in one source's listing for one day, at a rank.</summary>
public sealed class Listing
{
    public long Id { get; set; }
    public required string ArxivId { get; set; }
    public required string Source { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>1-based position in the source's own order for that day.</summary>
    public int Rank { get; set; }
    public ListingKind Kind { get; set; }

    public Paper Paper { get; set; } = null!;
}

/// <summary>Why a paper is in a day's listing: submitted there, or cross-listed from another category.</summary>
public enum ListingKind
{
    New,
    CrossList,
}
