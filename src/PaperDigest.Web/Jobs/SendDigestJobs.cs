using Microsoft.Extensions.Options;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>
/// Sends (or resumes) the current edition of one frequency; the ledger makes a repeated firing harmless. When the mail
/// server could not be used, the rest of the edition waits in the ledger and the job fires again after
/// <see cref="DigestOptions.WaitAfter"/> (the same policy the ledger applies to single messages), instead of at the
/// next scheduled firing a day or a week away.
/// </summary>
public abstract class SendDigestJob(DigestSender sender, DigestLinks links, IOptions<DigestOptions> options, TimeProvider clock, ILogger logger) : IJob
{
    private const string RetryGroup = "digest-retries";
    private const string AttemptKey = "attempt";

    protected abstract DigestFrequency Frequency { get; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (links.Problem is { } problem)
        {
            // Every firing says it, so the log shows why readers got nothing; /health reports it too.
            logger.LogError("{Job} {FireInstanceId}: {Problem}", GetType().Name, context.FireInstanceId, problem);
            return;
        }
        var run = await sender.RunAsync(Frequency, dryRun: false, cancellationToken);
        logger.LogInformation("{Job} {FireInstanceId}: {Summary}", GetType().Name, context.FireInstanceId, run.Describe(dryRun: false));
        if (run.Error is not null)
            await ScheduleRetryAsync(context, cancellationToken);
    }

    private async Task ScheduleRetryAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key;
        // One pending retry is enough, whichever firing (scheduled or retry) scheduled it.
        var triggers = await context.Scheduler.GetTriggersOfJob(job, cancellationToken);
        if (triggers.Any(t => t.Key.Group == RetryGroup && !t.Key.Equals(context.Trigger.Key)))
            return;

        var attempt = context.Trigger.Key.Group == RetryGroup ? context.MergedJobDataMap.GetInt(AttemptKey) + 1 : 1;
        var delay = options.Value.WaitAfter(attempt);
        var retry = TriggerBuilder.Create()
            .ForJob(job)
            .WithIdentity($"{job.Name}.retry-{Guid.NewGuid():N}", RetryGroup)
            .UsingJobData(AttemptKey, attempt)
            .StartAt(clock.GetUtcNow() + delay)
            .Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
        logger.LogWarning("{Job} will try the rest of the edition again at {RetryAt} (retry {Attempt})", GetType().Name, retry.StartTimeUtc, attempt);
    }
}

public sealed class SendDailyDigestJob(DigestSender sender, DigestLinks links, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<SendDailyDigestJob> logger) : SendDigestJob(sender, links, options, clock, logger)
{
    protected override DigestFrequency Frequency => DigestFrequency.Daily;
}

public sealed class SendWeeklyDigestJob(DigestSender sender, DigestLinks links, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<SendWeeklyDigestJob> logger) : SendDigestJob(sender, links, options, clock, logger)
{
    protected override DigestFrequency Frequency => DigestFrequency.Weekly;
}
