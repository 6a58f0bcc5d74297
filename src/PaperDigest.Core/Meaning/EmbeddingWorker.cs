using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Meaning;

/// <summary>
/// Embeds new and changed papers in the background: at start, and whenever any process announces changed papers
/// (the page cache's notifications, which every ingest, import and edit sends). A paper is searchable by its words
/// from the moment it is written, and by its meaning once this has run.
/// </summary>
public sealed class EmbeddingWorker(DatabaseConnection connection, PaperEmbedder embedder, IOptions<EmbeddingOptions> options,
    TimeProvider clock, ILogger<EmbeddingWorker> logger)
    : DatabaseListener(connection, clock, logger)
{
    protected override IReadOnlyCollection<string> Channels => [PublicPageCache.Channel];

    // With embedding off nothing is loaded or embedded, and nobody listens.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.Enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;

    protected override string Listener => "The embedding worker";

    protected override Task OnListeningAsync(CancellationToken cancellationToken) => EmbedAsync(cancellationToken);

    protected override Task OnNotifiedAsync(IReadOnlyList<NpgsqlNotificationEventArgs> heard, CancellationToken cancellationToken) =>
        EmbedAsync(cancellationToken);

    private async Task EmbedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await embedder.EmbedPendingAsync(progress: null, cancellationToken);
        }
        catch (Exception exception) when (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            // ONNX Runtime reports a run stopped by the app's shutdown as its own error; it is a shutdown, not a failure.
            throw new OperationCanceledException("Stopped while embedding.", exception, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && DatabaseFailure.Find(exception) is null)
        {
            // The model failed (a text it cannot read, memory): the papers keep their word search, and the next change
            // tries again. A database failure goes to the listener, which reconnects and tries again.
            logger.LogError(exception, "Papers could not be embedded; they are found by their words until the next attempt succeeds");
        }
    }
}
