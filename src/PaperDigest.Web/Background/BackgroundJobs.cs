using PaperDigest.Core.Background;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Tags;
using PaperDigest.Core.Wording;
using Quartz;

namespace PaperDigest.Web.Background;

/// <summary>
/// A one-off job that does a recorded piece of background work: it marks the record running, lets the work report its
/// steps into it, and closes it as succeeded or failed. A job an instance died in is run again by another
/// (RequestRecovery), from the start: each step commits on its own and repeating one changes nothing.
/// </summary>
public abstract class BackgroundJob(BackgroundTasks tasks, ILogger logger) : IJob
{
    public const string TaskKey = "task";

    /// <summary>The curator who asked, whom the work's own audit rows name.</summary>
    public const string ActorKey = "actor";

    protected BackgroundTasks Tasks => tasks;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = context.MergedJobDataMap.GetLong(TaskKey);
        await tasks.StartAsync(id, cancellationToken);
        try
        {
            var outcome = await RunAsync(id, context.MergedJobDataMap, cancellationToken);
            await tasks.FinishAsync(id, error: null, outcome, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // What went wrong is kept for the curator; stopping the app is a failure too, recorded as one.
            logger.LogError(exception, "Background task {TaskId} stopped", id);
            await tasks.FinishAsync(id, exception.Message, outcome: null, CancellationToken.None);
        }
    }

    /// <summary>Does the work; returns what came of it, in words.</summary>
    protected abstract Task<string> RunAsync(long taskId, JobDataMap data, CancellationToken cancellationToken);
}

/// <summary>"Run now" from the sources page: a source over a day or a range, a step per page fetched.</summary>
public sealed class SourceRunJob(SourceIngestion ingestion, BackgroundTasks tasks, ILogger<SourceRunJob> logger) : BackgroundJob(tasks, logger)
{
    public const string SourceKey = "source";
    public const string FirstKey = "first";
    public const string LastKey = "last";

    protected override async Task<string> RunAsync(long taskId, JobDataMap data, CancellationToken cancellationToken)
    {
        var runs = await ingestion.RunAsync(data.GetString(SourceKey)!, DateOnly.FromDayNumber(data.GetInt(FirstKey)), DateOnly.FromDayNumber(data.GetInt(LastKey)),
            honourBackoff: false, (run, token) => Tasks.StepAsync(taskId, run.Status == IngestionRunStatus.Failed, run.Origin, token), cancellationToken);
        return runs.FirstOrDefault(r => r.Status == IngestionRunStatus.Failed) is { } failed
            ? $"{failed.Origin}: {failed.Error}"
            : $"{Plural.Of(runs.Sum(r => r.NewCount), "new paper")}, {runs.Sum(r => r.UpdatedCount)} updated.";
    }
}

/// <summary>"Apply to stored papers" from the rules page: a rule over every stored paper, counted in papers looked at.</summary>
public sealed class RuleApplyJob(TagRuleAdministration rules, BackgroundTasks tasks, ILogger<RuleApplyJob> logger) : BackgroundJob(tasks, logger)
{
    public const string RuleKey = "rule";

    protected override async Task<string> RunAsync(long taskId, JobDataMap data, CancellationToken cancellationToken)
    {
        var applied = await rules.ApplyToExistingAsync(data.GetString(ActorKey)!, data.GetInt(RuleKey), cancellationToken,
            (scanned, token) => Tasks.ProgressAsync(taskId, scanned, token));
        if (applied.Value is not { } counts)
            throw new InvalidOperationException(applied.Problem);
        return $"Matched {Plural.Of(counts.Matched, "stored paper")} and tagged {Plural.Of(counts.Tagged, "more paper")}; the others had the tag already, or a curator had taken it off.";
    }
}
