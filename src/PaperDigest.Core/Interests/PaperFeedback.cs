namespace PaperDigest.Core.Interests;

/// <summary>What a reader said of a paper in their digest.</summary>
public enum ReadingSignal
{
    Fewer = -1,
    More = 1,
}

/// <summary>A subscriber's "more like this" or "fewer like this" on one paper; the latest word on a paper counts.</summary>
public sealed class PaperFeedback
{
    public long SubscriberId { get; set; }
    public required string ArxivId { get; set; }
    public ReadingSignal Signal { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
