using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>Sends (or resumes) the current edition of one frequency; the ledger makes a repeated firing harmless.</summary>
public abstract class SendDigestJob(DigestSender sender, ILogger logger) : IJob
{
    protected abstract DigestFrequency Frequency { get; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = await sender.RunAsync(Frequency, dryRun: false, cancellationToken);
        logger.LogInformation("{Job} {FireInstanceId}: {Summary}", GetType().Name, context.FireInstanceId, run.Describe(dryRun: false));
    }
}

public sealed class SendDailyDigestJob(DigestSender sender, ILogger<SendDailyDigestJob> logger) : SendDigestJob(sender, logger)
{
    protected override DigestFrequency Frequency => DigestFrequency.Daily;
}

public sealed class SendWeeklyDigestJob(DigestSender sender, ILogger<SendWeeklyDigestJob> logger) : SendDigestJob(sender, logger)
{
    protected override DigestFrequency Frequency => DigestFrequency.Weekly;
}
