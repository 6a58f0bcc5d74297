using PaperDigest.Core;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Data;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>What the admin's jobs page shows and does: each scheduled job's state and fire times; pause, resume, run now.</summary>
internal sealed class JobControl(ISchedulerFactory schedulers, PaperDigestDbContext db, AuditLog audit)
{
    /// <summary>The scheduled jobs (one-off background work has a group of its own and is shown where it was asked for).</summary>
    public async Task<List<JobStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobKey.DefaultGroup), cancellationToken)).OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            // The schedule, not a one-off retry a digest job may have set for itself.
            var triggers = await scheduler.GetTriggersOfJob(key, cancellationToken);
            var trigger = triggers.OfType<ICronTrigger>().FirstOrDefault() ?? triggers.FirstOrDefault();
            var state = trigger is null ? TriggerState.None : await scheduler.GetTriggerState(trigger.Key, cancellationToken);
            jobs.Add(new JobStatus(key.Name, (trigger as ICronTrigger)?.CronExpressionString, state,
                trigger?.NextFireTimeUtc, trigger?.PreviousFireTimeUtc));
        }
        return jobs;
    }

    /// <summary>Applies <paramref name="action"/> (pause, resume or run) to a job, audited under <paramref name="actor"/>.</summary>
    public async Task<Outcome> ApplyAsync(string actor, string? jobName, string? action, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobName ?? "");
        if (string.IsNullOrEmpty(jobName) || action is not ("pause" or "resume" or "run") || await scheduler.GetJobDetail(key, cancellationToken) is null)
            return Outcome.Refused("That is not a job and action this page offers; reload the page and try again.");
        if (action == "pause" && jobName == nameof(IngestListingsJob))
            return Outcome.Refused("Scheduled ingestion is switched per source, on the Sources page.");
        if (action == "pause")
            await scheduler.PauseJob(key, cancellationToken);
        else if (action == "resume")
            await scheduler.ResumeJob(key, cancellationToken);
        else
            await scheduler.TriggerJob(key, cancellationToken);
        audit.Add(actor, $"job.{action}", $"job {jobName}", action switch { "pause" => "scheduled", "resume" => "paused", _ => null },
            action switch { "pause" => "paused", "resume" => "scheduled", _ => "started now" });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }
}

internal sealed record JobStatus(string Name, string? Cron, TriggerState State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire);
