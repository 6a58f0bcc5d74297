using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Meaning;

/// <summary>
/// Finds papers by meaning: embeds a text (a query, a topic) and looks up the nearest papers in the
/// <see cref="PaperVectorIndex"/>. Unavailable (every caller then uses words only) while embedding is off or the index
/// is still loading.
/// </summary>
public sealed class SemanticSearch(IEmbeddingGenerator<string, Embedding<float>> generator, PaperVectorIndex index, IOptions<EmbeddingOptions> options,
    ILogger<SemanticSearch> logger) : IDisposable
{
    // A reader paging through results, or the same query typed by many, is embedded once. About 1.6 KB an entry.
    private readonly MemoryCache embedded = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    public bool IsAvailable => options.Value.Enabled && index.IsReady && index.Count > 0;

    /// <summary>Whether texts can be embedded at all (embedding is on), whatever the index holds.</summary>
    public bool CanEmbed => options.Value.Enabled;

    /// <summary>Embedding is on and this instance's index is still loading: by meaning soon, not by words meanwhile.</summary>
    public bool IsLoading => CanEmbed && !index.IsReady;

    /// <summary>The text's vector, embedded once and remembered for a while.</summary>
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        if (embedded.TryGetValue(text, out float[]? vector) && vector is not null)
            return vector;
        vector = (await generator.GenerateAsync([text], cancellationToken: cancellationToken))[0].Vector.ToArray();
        embedded.Set(text, vector, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return vector;
    }

    /// <summary>
    /// The text's vector, or null when the model failed (a hosted one that cannot be reached): callers then go on with
    /// words only, and the failure is logged.
    /// </summary>
    public async Task<float[]?> TryEmbedAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            return await EmbedAsync(text, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "A text could not be embedded ({Reason}); words alone are used until the model answers again", exception.Message);
            return null;
        }
    }

    /// <summary>The papers nearest to the text's meaning, most similar first; none when unavailable or the model failed.</summary>
    public async Task<IReadOnlyList<NearPaper>> NearestAsync(string text, int count, CancellationToken cancellationToken) =>
        IsAvailable && await TryEmbedAsync(text, cancellationToken) is { } vector ? index.Nearest(vector, count) : [];

    /// <summary>The papers nearest to a paper, itself left out; none when it has no vector yet.</summary>
    public IReadOnlyList<NearPaper> NearestTo(string arxivId, int count) =>
        IsAvailable && index.VectorOf(arxivId) is { } vector ? index.Nearest(vector, count, skip: id => id == arxivId) : [];

    public void Dispose() => embedded.Dispose();
}
