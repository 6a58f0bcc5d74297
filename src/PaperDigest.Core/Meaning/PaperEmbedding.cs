namespace PaperDigest.Core.Meaning;

/// <summary>A paper's vector: its title, keywords and abstract as the model <see cref="Model"/> embedded them.</summary>
public sealed class PaperEmbedding
{
    public required string ArxivId { get; set; }

    /// <summary>The model and its version; a vector of another model is out of date and is embedded again.</summary>
    public required string Model { get; set; }

    /// <summary>Unit length, <see cref="LocalEmbeddingGenerator.Dimensions"/> components for the local model.</summary>
    public required float[] Vector { get; set; }

    /// <summary>The paper's <c>UpdatedAt</c> when it was embedded: a paper whose text changed since is embedded again.</summary>
    public DateTimeOffset DescribedAt { get; set; }

    public DateTimeOffset EmbeddedAt { get; set; }
}
