using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Npgsql;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The output cache of the public pages, feeds and API. Everything that changes what they show (ingestion, curation,
/// merges, the verbs) evicts it here and tells every other instance through PostgreSQL (NOTIFY on
/// <see cref="Channel"/>; each web instance listens), so no instance serves a page older than the change that just
/// committed, for more than the moment the notification takes.
/// </summary>
public sealed class PublicPageCache(DatabaseConnection? connection = null, IOutputCacheStore? store = null, ILogger<PublicPageCache>? logger = null)
{
    public const string Tag = "papers";
    public const string Policy = "public-pages";
    public const string Channel = "paperdigest_pages";

    /// <summary>Evicts this instance's cached pages and tells the other instances (and verbs tell the running app) to evict theirs.</summary>
    public async Task EvictAsync(CancellationToken cancellationToken)
    {
        await EvictHereAsync(cancellationToken);
        if (connection is null)
            return;
        try
        {
            await using var notifying = new NpgsqlConnection(connection.ConnectionString);
            await notifying.OpenAsync(cancellationToken);
            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', '')", notifying);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailure.Find(exception) is not null)
        {
            // The change itself has committed; instances that miss this hear nothing and fall back to short lifetimes.
            logger?.LogWarning("Other instances were not told to evict their cached pages: {Reason}", exception.Message);
        }
    }

    /// <summary>Evicts this instance's cached pages only: what a notification from another process asks for.</summary>
    public async Task EvictHereAsync(CancellationToken cancellationToken)
    {
        // Command-line verbs run without the web host's output cache (no store is registered); nothing to evict then.
        if (store is not null)
            await store.EvictByTagAsync(Tag, cancellationToken);
    }
}
