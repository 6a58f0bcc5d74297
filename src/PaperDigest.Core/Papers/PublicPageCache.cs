using Microsoft.AspNetCore.OutputCaching;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The output cache of the public feeds and API. Everything that changes what they show (ingestion now, curation
/// later) evicts it, so a cached answer is never stale by more than the change that just committed.
/// </summary>
public sealed class PublicPageCache(IOutputCacheStore? store = null)
{
    public const string Tag = "papers";
    public const string Policy = "public-pages";

    // Command-line verbs run without the web host's output cache (no store is registered); nothing to evict then.
    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        if (store is not null)
            await store.EvictByTagAsync(Tag, cancellationToken);
    }
}
