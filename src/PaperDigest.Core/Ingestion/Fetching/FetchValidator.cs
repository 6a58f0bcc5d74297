namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>
/// The ETag and Last-Modified a URL last answered with, for conditional GETs. Saved in the same transaction as the
/// data it describes, so a failed ingest never leaves a validator that would hide the page next time.
/// </summary>
public sealed class FetchValidator
{
    public required string Url { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
