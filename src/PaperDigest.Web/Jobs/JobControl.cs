using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>What the admin's jobs page shows and does: each scheduled job's state and fire times; pause, resume, run now.</summary>
internal sealed class JobControl(ISchedulerFactory schedulers)
{
    public async Task<List<JobStatus>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<JobStatus>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup(), cancellationToken)).OrderBy(k => k.Name, StringComparer.Ordinal))
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

    /// <summary>Applies <paramref name="action"/> (pause, resume or run) to a job; false when either is not one the scheduler knows.</summary>
    public async Task<bool> ApplyAsync(string? jobName, string? action, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobName ?? "");
        if (string.IsNullOrEmpty(jobName) || await scheduler.GetJobDetail(key, cancellationToken) is null)
            return false;
        switch (action)
        {
            case "pause":
                await scheduler.PauseJob(key, cancellationToken);
                return true;
            case "resume":
                await scheduler.ResumeJob(key, cancellationToken);
                return true;
            case "run":
                await scheduler.TriggerJob(key, cancellationToken);
                return true;
            default:
                return false;
        }
    }
}

internal sealed record JobStatus(string Name, string? Cron, TriggerState State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire);
