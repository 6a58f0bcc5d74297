using System.Collections.Concurrent;
using PaperDigest.Core;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Web.Admin;

/// <summary>
/// "Run now" from the sources page: a source over a day or a range, in the background (a range can take minutes), at
/// most one at a time per source, with its progress kept for the page to show. Each fetched page commits on its own,
/// so stopping the app keeps what was done.
/// </summary>
internal sealed class ManualIngestions(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ManualIngestions> logger)
{
    /// <summary>Longer ranges belong to the ingest verb, which shows its progress in a terminal.</summary>
    public const int MaxDays = 31;

    private readonly ConcurrentDictionary<string, ManualRun> latest = new(StringComparer.Ordinal);

    public ManualRun? Latest(string source) => latest.GetValueOrDefault(source);

    /// <summary>Starts the run unless one is going for the source; returns a sentence for the admin either way.</summary>
    public async Task<Outcome<string>> StartAsync(string actor, string source, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first || last.DayNumber - first.DayNumber >= MaxDays)
            return Outcome.Refused<string>($"Choose a first day on or before the last, at most {MaxDays} days apart.");
        var run = new ManualRun(first, last);
        var current = latest.AddOrUpdate(source, run, (_, existing) => existing.Finished ? run : existing);
        if (!ReferenceEquals(current, run))
            return Outcome.Refused<string>($"{source} is already being run for {current.Describe()}; wait for it to finish.");

        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!scope.ServiceProvider.GetRequiredService<SourceIngestion>().SourceNames.Contains(source))
            {
                latest.TryRemove(source, out _);
                return Outcome.Refused<string>("That is not a source this app has; reload the page.");
            }
            scope.ServiceProvider.GetRequiredService<AuditLog>().Add(actor, "source.run", $"source {source}", null, run.Describe());
            await scope.ServiceProvider.GetRequiredService<PaperDigestDbContext>().SaveChangesAsync(cancellationToken);
        }
        _ = Task.Run(() => ExecuteAsync(source, run), CancellationToken.None);
        return Outcome.Of(run.Describe());
    }

    private async Task ExecuteAsync(string source, ManualRun run)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var progress = new Progress(run);
            await scope.ServiceProvider.GetRequiredService<SourceIngestion>()
                .RunAsync(source, run.First, run.Last, honourBackoff: false, progress, lifetime.ApplicationStopping);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The runs themselves are recorded with their errors; this is what stopped the whole request.
            logger.LogError(exception, "Manual ingestion of {Source} for {Days} stopped", source, run.Describe());
            run.Problem = exception.Message;
        }
        finally
        {
            run.Finished = true;
        }
    }

    private sealed class Progress(ManualRun run) : IProgress<IngestionRun>
    {
        public void Report(IngestionRun value)
        {
            run.PagesDone++;
            if (value.Status == IngestionRunStatus.Failed)
                run.PagesFailed++;
            run.LastPage = value.Origin;
        }
    }
}

/// <summary>One "Run now" and how far it has got.</summary>
internal sealed class ManualRun(DateOnly first, DateOnly last)
{
    public DateOnly First => first;

    public DateOnly Last => last;

    // Written by the run's thread, read by page renders: single values, so a render sees the old or the new one.
    public bool Finished { get; set; }

    public int PagesDone { get; set; }

    public int PagesFailed { get; set; }

    public string? LastPage { get; set; }

    public string? Problem { get; set; }

    /// <summary>Where the run stands, in words: running, finished, or failed (the error itself is in the runs table).</summary>
    public string State => (Finished, PagesFailed, Problem) switch
    {
        (false, _, _) => "running",
        (true, 0, null) => "finished",
        (true, _, null) => PagesFailed == PagesDone ? "failed" : $"finished, {PagesFailed} of them failed",
        _ => "failed",
    };

    public string Describe() => first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
}
