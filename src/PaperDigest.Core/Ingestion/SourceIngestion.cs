using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion.Fetching;

namespace PaperDigest.Core.Ingestion;

/// <summary>
/// Runs a source over a range of days: each page is one recorded run, and the source's health (consecutive failures,
/// last success, next attempt with exponential back-off and jitter) is updated afterwards.
/// </summary>
public sealed class SourceIngestion(
    IEnumerable<IListingSource> sources,
    ListingIngestionService ingestion,
    ListingStore store,
    PaperDigestDbContext db,
    IOptions<IngestionOptions> options,
    TimeProvider clock,
    ILogger<SourceIngestion> logger)
{
    // Abstracts looked up in one run at most; the rest are asked for by the next runs.
    private const int MaxAbstractsPerRun = 1000;

    public IReadOnlyList<string> SourceNames => sources.Select(s => s.Name).ToList();

    /// <param name="honourBackoff">Scheduled runs skip a source that is disabled or whose back-off has not expired; a person asking explicitly is obeyed.</param>
    /// <param name="progress">Told of each run as it ends (a terminal's progress line, a background task's record).</param>
    public async Task<IReadOnlyList<IngestionRun>> RunAsync(
        string sourceName, DateOnly firstDay, DateOnly lastDay, bool honourBackoff, Func<IngestionRun, CancellationToken, Task>? progress, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Name == sourceName)
            ?? throw new ArgumentException($"There is no source named '{sourceName}'; the sources are {string.Join(", ", SourceNames)}.", nameof(sourceName));

        var health = await db.SourceHealth.AsNoTracking().FirstOrDefaultAsync(h => h.Source == source.Name, cancellationToken);
        if (honourBackoff && health is { Disabled: true })
        {
            logger.LogInformation("Skipping {Source}: an admin has disabled it", source.Name);
            return [];
        }
        if (honourBackoff && health?.NextAttemptAt > clock.GetUtcNow())
        {
            logger.LogInformation("Skipping {Source} until {NextAttempt} after {Failures} consecutive failures", source.Name, health.NextAttemptAt, health.ConsecutiveFailures);
            return [];
        }

        await CloseAbandonedRunsAsync(source.Name, cancellationToken);
        var runs = new List<IngestionRun>();
        foreach (var page in source.ListingPages(firstDay, lastDay))
            runs.Add(await IngestAsync(source, page, progress, cancellationToken));
        // Asked after the listing pages are stored, so it sees the papers they have just added.
        if (source.ListsWithoutAbstracts)
        {
            var incomplete = await store.ToLookUpAsync(source.Name, firstDay, lastDay, MaxAbstractsPerRun, cancellationToken);
            foreach (var page in source.AbstractPages(incomplete))
                runs.Add(await IngestAsync(source, page, progress, cancellationToken));
        }
        await RecordHealthAsync(source.Name, runs, cancellationToken);
        return runs;
    }

    // Each page, top to bottom: open its run, the source fetches (given the known validators) and parses, the store
    // applies the page and its validators in one transaction and closes the run.
    private async Task<IngestionRun> IngestAsync(IListingSource source, SourcePage page, Func<IngestionRun, CancellationToken, Task>? progress, CancellationToken cancellationToken)
    {
        var run = await ingestion.IngestAsync(source.Name, page.Origin, token => source.FetchAsync(page, store, token), cancellationToken);
        if (progress is not null)
            await progress(run, cancellationToken);
        return run;
    }

    // A run still "Running" whose process has ended was cut short (the app was killed): it wrote nothing, since each
    // page commits whole, and the scheduled re-scrape fetches its days again. Recording that keeps the admin's view
    // honest. A run of this host is judged by its process at once; another host's only once it is far older than
    // any fetch could last, so another instance's live run is never touched.
    private async Task CloseAbandonedRunsAsync(string source, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var startedBefore = now - options.Value.TotalTimeout * 10;
        var running = await db.IngestionRuns.AsNoTracking().Where(r => r.Source == source && r.Status == IngestionRunStatus.Running)
            .Select(r => new { r.Id, r.StartedAt, r.RunBy }).ToListAsync(cancellationToken);
        var abandoned = running.Where(r => r.StartedAt < startedBefore || RunnerProcess.HasEndedOnThisHost(r.RunBy)).Select(r => r.Id).ToList();
        if (abandoned.Count == 0)
            return;
        var closed = await db.IngestionRuns.Where(r => abandoned.Contains(r.Id) && r.Status == IngestionRunStatus.Running)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, IngestionRunStatus.Failed).SetProperty(x => x.FinishedAt, now)
                .SetProperty(x => x.Error, "The app stopped during this run; nothing from it was stored, and the next scheduled run fetches its days again."),
                cancellationToken);
        if (closed > 0)
            logger.LogWarning("{Count} {Source} run(s) were cut short by a stop of the app and are recorded as failed", closed, source);
    }

    private async Task RecordHealthAsync(string source, List<IngestionRun> runs, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var health = await db.SourceHealth.FirstOrDefaultAsync(h => h.Source == source, cancellationToken);
        if (health is null)
            db.SourceHealth.Add(health = new SourceHealth { Source = source });

        health.LastAttemptAt = now;
        var failure = runs.LastOrDefault(r => r.Status == IngestionRunStatus.Failed);
        if (failure is null)
        {
            (health.ConsecutiveFailures, health.LastSuccessAt, health.NextAttemptAt, health.LastError) = (0, now, null, null);
        }
        else
        {
            health.ConsecutiveFailures++;
            health.LastError = failure.Error;
            health.NextAttemptAt = now + Backoff(health.ConsecutiveFailures);
            logger.LogWarning("{Source} failed {Failures} time(s) in a row; next attempt at {NextAttempt}: {Error}",
                source, health.ConsecutiveFailures, health.NextAttemptAt, failure.Error);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    // Doubling from the base, capped, with ±20% jitter so several instances do not retry in step.
    private TimeSpan Backoff(int failures)
    {
        var settings = options.Value;
        var doubled = settings.FailureBackoff.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 20));
        var capped = Math.Min(doubled, settings.MaxFailureBackoff.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }
}
