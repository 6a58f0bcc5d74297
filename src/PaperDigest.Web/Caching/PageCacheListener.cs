using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.Caching;

/// <summary>
/// Hears the notifications <see cref="PublicPageCache"/> sends when any process changes papers, and evicts the pages
/// they name from this instance's cache. While it cannot listen it says so (log, /health) and new pages are cached for
/// <see cref="DeafLifetime"/> only; what is cached already stays, so a database outage (the usual reason) still leaves
/// readers the cached pages, and everything is evicted once it hears again.
/// </summary>
internal sealed class PageCacheListener(DatabaseConnection connection, PublicPageCache cache, TimeProvider clock, ILogger<PageCacheListener> logger)
    : DatabaseListener(connection, clock, logger)
{
    /// <summary>How long a page is cached while changes made elsewhere cannot be heard of.</summary>
    public static readonly TimeSpan DeafLifetime = TimeSpan.FromSeconds(10);

    protected override IReadOnlyCollection<string> Channels => [PublicPageCache.Channel];

    protected override string Listener => "The page cache";

    // Whatever changed while this instance was not listening.
    protected override Task OnListeningAsync(CancellationToken cancellationToken) => cache.EvictHereAsync([PageTags.Everything], cancellationToken);

    protected override Task OnNotifiedAsync(IReadOnlyList<NpgsqlNotificationEventArgs> heard, CancellationToken cancellationToken) =>
        cache.EvictHereAsync(heard.SelectMany(notification => PublicPageCache.TagsOf(notification.Payload)).ToHashSet(StringComparer.Ordinal), cancellationToken);
}

/// <summary>Caches pages briefly while the listener is deaf, since no notification would evict them.</summary>
internal sealed class ShortWhileDeafPolicy(PageCacheListener listener) : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!listener.Listening)
            context.ResponseExpirationTimeSpan = PageCacheListener.DeafLifetime;
        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
}
