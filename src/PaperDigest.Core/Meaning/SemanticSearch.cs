using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Meaning;

/// <summary>
/// Finds papers by meaning: embeds a text (a query, a topic) and looks up the nearest papers in the
/// <see cref="PaperVectorIndex"/>. Unavailable (every caller then uses words only) while embedding is off or the index
/// is still loading.
/// </summary>
public sealed class SemanticSearch(IEmbeddingGenerator<string, Embedding<float>> generator, PaperVectorIndex index, IOptions<EmbeddingOptions> options)
    : IDisposable
{
    // A reader paging through results, or the same query typed by many, is embedded once. About 1.6 KB an entry.
    private readonly MemoryCache embedded = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public bool IsAvailable => options.Value.Enabled && index.IsReady && index.Count > 0;

    /// <summary>Whether texts can be embedded at all (embedding is on), whatever the index holds.</summary>
    public bool CanEmbed => options.Value.Enabled;

    public PaperVectorIndex Index => index;

    /// <summary>The text's vector, embedded once and remembered for a while.</summary>
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        if (embedded.TryGetValue(text, out float[]? vector) && vector is not null)
            return vector;
        vector = (await generator.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector.ToArray();
        embedded.Set(text, vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return vector;
    }

    /// <summary>The papers nearest to the text's meaning, most similar first; none when unavailable.</summary>
    public async Task<IReadOnlyList<NearPaper>> NearestAsync(string text, int count, CancellationToken cancellationToken) =>
        IsAvailable ? index.Nearest(await EmbedAsync(text, cancellationToken), count) : [];

    /// <summary>The papers nearest to a paper, itself left out; none when it has no vector yet.</summary>
    public IReadOnlyList<NearPaper> NearestTo(string arxivId, int count) =>
        IsAvailable && index.VectorOf(arxivId) is { } vector ? index.Nearest(vector, count, skip: id => id == arxivId) : [];

    public void Dispose() => embedded.Dispose();
}
