using PaperDigest.Core;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Background;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Tags;
using Quartz;

namespace PaperDigest.Web.Background;

/// <summary>
/// Starts long work a curator asked for, outside the request: the work is recorded (BackgroundTasks) and handed to the
/// clustered scheduler as a one-off job, so any instance may run it, every instance shows its progress, and it
/// survives the instance that took the request.
/// </summary>
internal sealed class BackgroundWork(BackgroundTasks tasks, SourceIngestion ingestion, PaperDigestDbContext db, AuditLog audit, ISchedulerFactory schedulers)
{
    /// <summary>Longer ranges belong to the ingest verb, which shows its progress in a terminal.</summary>
    public const int MaxDays = 31;

    public const string Group = "background";

    public static string SourceSubject(string source) => $"source {source}";

    public static string RuleSubject(int ruleId) => $"tag-rule {ruleId}";

    /// <summary>Runs a source over a day or a range ("Run now"): at most one at a time per source.</summary>
    public async Task<Outcome<BackgroundTask>> RunSourceAsync(string actor, string source, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        if (last < first || last.DayNumber - first.DayNumber >= MaxDays)
            return Outcome.Refused<BackgroundTask>($"Choose a first day on or before the last, at most {MaxDays} days apart.");
        if (!ingestion.SourceNames.Contains(source))
            return Outcome.Refused<BackgroundTask>("That is not a source this app has; reload the page.");
        var days = first == last ? $"{first:yyyy-MM-dd}" : $"{first:yyyy-MM-dd} to {last:yyyy-MM-dd}";
        return await QueueAsync<SourceRunJob>(actor, SourceSubject(source), days, "source.run",
            new JobDataMap { [SourceRunJob.SourceKey] = source, [SourceRunJob.FirstKey] = first.DayNumber, [SourceRunJob.LastKey] = last.DayNumber },
            cancellationToken);
    }

    /// <summary>Applies a rule to every stored paper: at most one at a time per rule.</summary>
    public async Task<Outcome<BackgroundTask>> ApplyRuleAsync(string actor, int ruleId, CancellationToken cancellationToken)
    {
        if (await db.TagRules.FindAsync([ruleId], cancellationToken) is not { } rule)
            return Outcome.Refused<BackgroundTask>("There is no such rule; reload the page.");
        return await QueueAsync<RuleApplyJob>(actor, RuleSubject(ruleId), $"Applying “{TagRuleWording.Describe(rule)}” to every stored paper", null,
            new JobDataMap { [RuleApplyJob.RuleKey] = ruleId }, cancellationToken);
    }

    private async Task<Outcome<BackgroundTask>> QueueAsync<TJob>(string actor, string subject, string description, string? auditAction, JobDataMap data,
        CancellationToken cancellationToken) where TJob : IJob
    {
        var queued = await tasks.QueueAsync(subject, description, actor, cancellationToken);
        if (queued.Value is not { } task)
            return queued;
        if (auditAction is not null)
        {
            audit.Add(actor, auditAction, subject, null, description);
            await db.SaveChangesAsync(cancellationToken);
        }
        data[BackgroundJob.TaskKey] = task.Id;
        data[BackgroundJob.ActorKey] = actor;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(
            JobBuilder.Create<TJob>().WithIdentity($"{typeof(TJob).Name}-{task.Id}", Group).UsingJobData(data).RequestRecovery().Build(),
            TriggerBuilder.Create().WithIdentity($"{typeof(TJob).Name}-{task.Id}", Group).StartNow().Build(),
            new ScheduleJobOptions(), cancellationToken);
        return queued;
    }
}
