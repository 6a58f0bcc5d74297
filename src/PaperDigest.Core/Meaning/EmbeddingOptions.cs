using System.ComponentModel.DataAnnotations;

namespace PaperDigest.Core.Meaning;

/// <summary>Where embeddings come from.</summary>
public enum EmbeddingProvider
{
    /// <summary>all-MiniLM-L6-v2, in process, from its NuGet package: nothing leaves the machine.</summary>
    Local,

    /// <summary>Any OpenAI-compatible embeddings endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio, …).</summary>
    OpenAI,
}

/// <summary>Settings of the "Embeddings" section: whether papers are embedded and searched by meaning, and how.</summary>
public sealed class EmbeddingOptions : IValidatableObject
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

    public EmbeddingProvider Provider { get; set; } = EmbeddingProvider.Local;

    /// <summary>The OpenAI-compatible API's base address, such as <c>https://api.openai.com/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The hosted model's name, such as <c>text-embedding-3-small</c>; stored with every vector.</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Components of the model's vectors: 384 for the local model; the hosted model's own number otherwise.</summary>
    [Range(16, 4096)]
    public int Dimensions { get; set; } = LocalEmbeddingGenerator.Dimensions;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == EmbeddingProvider.Local && Dimensions != LocalEmbeddingGenerator.Dimensions)
            yield return ValidatedOptions.Invalid(Section, nameof(Dimensions), $"must be {LocalEmbeddingGenerator.Dimensions} for the local model (or leave it unset).");
        if (Provider == EmbeddingProvider.OpenAI && Endpoint is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
            yield return ValidatedOptions.Invalid(Section, nameof(Endpoint), "must be the http(s) address of an OpenAI-compatible API when Provider is OpenAI.");
        if (Provider == EmbeddingProvider.OpenAI && string.IsNullOrWhiteSpace(Model))
            yield return ValidatedOptions.Invalid(Section, nameof(Model), "must name the hosted embedding model when Provider is OpenAI.");
    }
}
