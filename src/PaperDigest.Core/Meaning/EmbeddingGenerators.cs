using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace PaperDigest.Core.Meaning;

/// <summary>The embedding generator the settings choose: the local model, or a hosted one behind the same interface.</summary>
public static class EmbeddingGenerators
{
    public static IEmbeddingGenerator<string, Embedding<float>> Create(IOptions<EmbeddingOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        if (settings.Provider == EmbeddingProvider.Local)
            return new LocalEmbeddingGenerator(options, clock);
        // Local servers (Ollama, vLLM) take any key; the client insists on one.
        var client = new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(settings.ApiKey) ? "none" : settings.ApiKey),
            new OpenAIClientOptions { Endpoint = settings.Endpoint });
        return new UnitLengthEmbeddings(client.GetEmbeddingClient(settings.Model).AsIEmbeddingGenerator());
    }

    // Similarities are dot products of unit vectors; not every hosted model returns unit length.
    private sealed class UnitLengthEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
            EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var generated = await base.GenerateAsync(values, options, cancellationToken);
            return new GeneratedEmbeddings<Embedding<float>>(generated.Select(e => new Embedding<float>(VectorMath.UnitLength(e.Vector.Span))
            {
                ModelId = e.ModelId,
                CreatedAt = e.CreatedAt,
            }))
            {
                Usage = generated.Usage,
            };
        }
    }
}
