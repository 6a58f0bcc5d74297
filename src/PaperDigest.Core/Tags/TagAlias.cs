namespace PaperDigest.Core.Tags;

/// <summary>
/// The address of a tag merged into another: links and feed subscriptions to the old address lead to the kept tag,
/// as a merged paper's old id leads to the kept paper.
/// </summary>
public sealed class TagAlias
{
    public required string Slug { get; set; }
    public int TagId { get; set; }
    public DateTimeOffset MergedAt { get; set; }
}
