using PaperDigest.Core.Subscriptions;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>Deletes expired email link tokens once a day (see <see cref="LinkTokenRetention"/>).</summary>
public sealed class PruneLinkTokensJob(LinkTokenRetention retention, ILogger<PruneLinkTokensJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pruned = await retention.PruneAsync(cancellationToken);
        logger.LogInformation("PruneLinkTokensJob {FireInstanceId}: {Count} token(s) deleted", context.FireInstanceId, pruned);
    }
}
