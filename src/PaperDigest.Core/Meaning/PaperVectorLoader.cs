using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Meaning;

/// <summary>
/// Fills this instance's <see cref="PaperVectorIndex"/> from PostgreSQL when it starts listening (at start, and again
/// after a lost connection, since announcements were missed), then reads the vectors any process announces on
/// <see cref="PaperEmbedder.Channel"/>.
/// </summary>
public sealed class PaperVectorLoader(DatabaseConnection connection, PaperVectorIndex index, PaperEmbedder embedder, IOptions<EmbeddingOptions> options,
    PublicPageCache pages, TimeProvider clock, ILogger<PaperVectorLoader> logger) : DatabaseListener(connection, clock, logger)
{
    protected override IReadOnlyCollection<string> Channels => [PaperEmbedder.Channel];

    // With embedding off nothing is loaded or embedded, and nobody listens.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override string Listener => "The vector index";

    protected override async Task OnListeningAsync(CancellationToken cancellationToken)
    {
        var first = !index.IsReady;
        var loaded = await LoadAsync(null, cancellationToken);
        if (!first)
            return;
        logger.LogInformation("Loaded {Count} paper vectors ({Megabytes:0.0} MB)", loaded, index.VectorBytes / 1e6);
        // What this instance cached while loading was found by words only (search) or without related papers.
        await pages.EvictHereAsync([PageTags.Everything], cancellationToken);
    }

    protected override Task OnNotifiedAsync(IReadOnlyList<NpgsqlNotificationEventArgs> heard, CancellationToken cancellationToken) =>
        LoadAsync(heard.SelectMany(notification => DatabaseNotifications.WordsOf(notification.Payload)).Distinct().ToArray(), cancellationToken);

    /// <summary>
    /// Reads the vectors of these papers (of every paper, when null, after which the index is ready) into the index;
    /// returns how many.
    /// </summary>
    public async Task<int> LoadAsync(string[]? arxivIds, CancellationToken cancellationToken)
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync(cancellationToken);
        await using var select = new NpgsqlCommand(
            "SELECT arxiv_id, vector FROM paper_embeddings WHERE model = $1" + (arxivIds is null ? "" : " AND arxiv_id = ANY($2)"), db);
        select.Parameters.Add(new NpgsqlParameter { Value = embedder.Model });
        if (arxivIds is not null)
            select.Parameters.Add(new NpgsqlParameter { Value = arxivIds });
        var loaded = 0;
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            index.Set(rows.GetString(0), rows.GetFieldValue<float[]>(1));
            loaded++;
        }
        // Loaded whole, the index can answer for every paper that has a vector.
        if (arxivIds is null)
            index.MarkReady();
        return loaded;
    }
}
