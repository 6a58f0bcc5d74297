namespace PaperDigest.Core.Papers.Thumbnails;

/// <summary>
/// A paper's thumbnail, copied from its source so pages never hot-link a CDN (which would break offline and tell a
/// third party who reads what). A failed copy keeps no image and the time it failed, so it is retried later.
/// </summary>
public sealed class PaperThumbnail
{
    public required string ArxivId { get; set; }
    public byte[]? Image { get; set; }
    public string? ContentType { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public string? Error { get; set; }
}
