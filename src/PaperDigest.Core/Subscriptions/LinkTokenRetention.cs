using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Digests;

namespace PaperDigest.Core.Subscriptions;

/// <summary>
/// Every email carries a fresh link token, so without pruning the table grows by one row per message (36 million a
/// year at 100,000 daily readers). Deleted: confirmation links past their expiry, and page links older than
/// <see cref="DigestOptions.LinkLifetime"/> — except each subscriber's newest, so the latest email always works.
/// </summary>
public sealed class LinkTokenRetention(PaperDigestDbContext db, IOptions<DigestOptions> options, TimeProvider clock)
{
    // Small batches keep each delete's locks and WAL short; the first run on an old database may have millions.
    private const int BatchSize = 10_000;

    /// <summary>Deletes what has expired; returns how many tokens went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.Value.LinkLifetime;
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM subscriber_tokens WHERE ctid IN (
                    SELECT t.ctid FROM subscriber_tokens t
                    WHERE (t.purpose = {nameof(TokenPurpose.Confirm)} AND t.expires_at < {now})
                       OR (t.purpose = {nameof(TokenPurpose.Manage)} AND t.created_at < {cutoff}
                           AND t.created_at < (SELECT max(newest.created_at) FROM subscriber_tokens newest
                                               WHERE newest.subscriber_id = t.subscriber_id AND newest.purpose = {nameof(TokenPurpose.Manage)}))
                    LIMIT {BatchSize})
                """, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}
