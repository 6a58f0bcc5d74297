using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>
/// Once a day, deletes what every email leaves behind: expired link tokens (<see cref="LinkTokenRetention"/>) and
/// delivery rows past retention (<see cref="DigestLedgerRetention"/>). The name is the job's key in the clustered
/// store, kept from when it pruned tokens only.
/// </summary>
public sealed class PruneLinkTokensJob(LinkTokenRetention tokens, DigestLedgerRetention ledger, ILogger<PruneLinkTokensJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var prunedTokens = await tokens.PruneAsync(cancellationToken);
        var prunedRows = await ledger.PruneAsync(cancellationToken);
        logger.LogInformation("PruneLinkTokensJob {FireInstanceId}: {Count} token(s) and {Rows} delivery row(s) deleted",
            context.FireInstanceId, prunedTokens, prunedRows);
    }
}
