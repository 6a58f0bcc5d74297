using Microsoft.AspNetCore.OutputCaching;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.Caching;

/// <summary>
/// Listens, on a connection of its own, for the notifications <see cref="PublicPageCache"/> sends when any process
/// changes papers, and evicts the pages they name from this instance's cache. While it cannot listen it says so (log, /health) and new
/// pages are cached for <see cref="DeafLifetime"/> only; what is cached already stays, so a database outage (the usual
/// reason) still leaves readers the cached pages, and everything is evicted once it hears again.
/// </summary>
internal sealed class PageCacheListener(DatabaseConnection connection, PublicPageCache cache, TimeProvider clock, ILogger<PageCacheListener> logger)
    : BackgroundService
{
    /// <summary>How long a page is cached while changes made elsewhere cannot be heard of.</summary>
    public static readonly TimeSpan DeafLifetime = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private volatile bool listening;

    public bool Listening => listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deafSince = (DateTimeOffset?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(connection.ConnectionString);
                // Notifications are raised inside WaitAsync, one event each; their tags are evicted after it returns.
                var heard = new List<string>();
                listener.Notification += (_, notification) => heard.Add(notification.Payload);
                await listener.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PublicPageCache.Channel}", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                listening = true;
                if (deafSince is { } since)
                    logger.LogInformation("The page cache hears of changes from other processes again (deaf since {Since:u})", since);
                deafSince = null;
                // Whatever changed while this instance was not listening.
                await cache.EvictHereAsync([PageTags.Everything], stoppingToken);
                while (true)
                {
                    await listener.WaitAsync(stoppingToken);
                    var tags = heard.SelectMany(PublicPageCache.TagsOf).ToHashSet(StringComparer.Ordinal);
                    heard.Clear();
                    await cache.EvictHereAsync(tags, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                listening = false;
                if (deafSince is null)
                {
                    deafSince = clock.GetUtcNow();
                    logger.LogWarning("The page cache cannot hear of changes made by other processes ({Reason}); pages are cached for {Lifetime} until it can",
                        exception.Message, DeafLifetime);
                }
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
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
