namespace PaperDigest.Core.Tags;

/// <summary>A topic label papers can carry, addressed by its slug in URLs.</summary>
public sealed class Tag
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }

    public List<PaperTag> Papers { get; } = [];
}
