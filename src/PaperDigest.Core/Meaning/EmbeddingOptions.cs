using System.ComponentModel.DataAnnotations;

namespace PaperDigest.Core.Meaning;

/// <summary>Settings of the "Embeddings" section: whether papers are embedded and searched by meaning, and how.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "Embeddings";

    /// <summary>Off: no model is loaded, nothing is embedded, and search, related papers and digests use words only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Papers embedded per call to the model: larger batches are faster per paper but hold the CPU longer.</summary>
    [Range(1, 512)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// CPU threads the model may use per call. The default, half the cores, leaves the rest to serving pages while a
    /// backfill runs.
    /// </summary>
    [Range(1, 256)]
    public int Threads { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);
}
