using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Ingestion;

/// <summary>The admin's view of the sources: each one's health and recent runs, and switching it on or off (audited).</summary>
public sealed class SourceAdministration(PaperDigestDbContext db, SourceIngestion ingestion, AuditLog audit)
{
    public const int RecentRuns = 10;

    public IReadOnlyList<string> SourceNames => ingestion.SourceNames;

    public async Task<List<SourceOverview>> OverviewAsync(CancellationToken cancellationToken)
    {
        var health = await db.SourceHealth.AsNoTracking().ToDictionaryAsync(h => h.Source, cancellationToken);
        var overviews = new List<SourceOverview>();
        foreach (var source in ingestion.SourceNames)
        {
            var runs = await db.IngestionRuns.AsNoTracking()
                .Where(r => r.Source == source)
                .OrderByDescending(r => r.Id).Take(RecentRuns).ToListAsync(cancellationToken);
            // From the runs themselves: imports, the sample and "Run now" record runs too, not only the schedule.
            var lastSuccess = await db.IngestionRuns.Where(r => r.Source == source && r.Status == IngestionRunStatus.Succeeded)
                .MaxAsync(r => (DateTimeOffset?)r.StartedAt, cancellationToken);
            overviews.Add(new SourceOverview(source, health.GetValueOrDefault(source), runs, runs.FirstOrDefault()?.StartedAt, lastSuccess));
        }
        return overviews;
    }

    /// <summary>Switches scheduled runs of a source on or off.</summary>
    public async Task<Outcome> SetEnabledAsync(string actor, string source, bool enabled, CancellationToken cancellationToken)
    {
        if (!ingestion.SourceNames.Contains(source))
            return Outcome.Refused("That is not a source this app has; reload the page.");
        var health = await db.SourceHealth.FirstOrDefaultAsync(h => h.Source == source, cancellationToken);
        if (health is null)
            db.SourceHealth.Add(health = new SourceHealth { Source = source });
        audit.Add(actor, enabled ? "source.enable" : "source.disable", $"source {source}", health.Disabled ? "disabled" : "enabled", enabled ? "enabled" : "disabled");
        health.Disabled = !enabled;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }
}

/// <summary>
/// A source, its health (null before its first scheduled run), its latest runs (newest first) and when it last ran and
/// last succeeded, however the run was started.
/// </summary>
public sealed record SourceOverview(string Source, SourceHealth? Health, List<IngestionRun> Runs, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt)
{
    public bool Enabled => Health is not { Disabled: true };
}
