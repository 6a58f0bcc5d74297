using Microsoft.Extensions.Options;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Ingestion.Thumbnails;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>
/// Ingests today from every source, then the previous days again (Ingestion:RescrapeDays) to refresh the counts.
/// A source in back-off is skipped until its next attempt; one source failing does not stop the others.
/// </summary>
public sealed class IngestListingsJob(
    SourceIngestion ingestion, ThumbnailCopier thumbnails, IOptions<IngestionOptions> options, TimeProvider clock, ILogger<IngestListingsJob> logger) : IJob
{
    // Paced like the listings (one request a second to Hugging Face), so a batch costs about a minute.
    private const int ThumbnailsPerRun = 60;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var firstDay = today.AddDays(-options.Value.RescrapeDays);
        foreach (var source in ingestion.SourceNames)
        {
            var runs = await ingestion.RunAsync(source, firstDay, today, honourBackoff: true, progress: null, cancellationToken);
            // What refreshing the counts costs: pages that had not changed cost a 304 and no parsing.
            logger.LogInformation("IngestListingsJob {FireInstanceId}: {Source} {Runs} run(s), {NotModified} not modified, {Failed} failed, {New} new papers",
                context.FireInstanceId, source, runs.Count, runs.Count(r => r.Status == IngestionRunStatus.NotModified),
                runs.Count(r => r.Status == IngestionRunStatus.Failed), runs.Sum(r => r.NewCount));
        }
        var copied = await thumbnails.CopyMissingAsync(ThumbnailsPerRun, cancellationToken);
        logger.LogInformation("IngestListingsJob {FireInstanceId}: {Copied} thumbnail(s) copied", context.FireInstanceId, copied);
    }
}
