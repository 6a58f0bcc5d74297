namespace PaperDigest.Core.Tags;

/// <summary>A topic label papers can carry, addressed by its slug in URLs.</summary>
public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// How many papers carry the tag (a curator's removal not counted; hidden papers counted), kept by triggers on
    /// <c>paper_tags</c> in the same transaction as each change: counting every tag's papers per page grew with the
    /// whole catalogue (10 ms of each search page at 100,000 papers). Never written by the app.
    /// </summary>
    public int PaperCount { get; private set; }

    public List<PaperTag> Papers { get; } = [];
}
