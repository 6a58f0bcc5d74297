using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Digests;

/// <summary>
/// The ledger gains a row per reader per edition: 365 million a year at 1,000,000 daily readers, 655 bytes each with
/// its indexes (measured, docs/benchmarks.md), so about 240 GB a year if nothing were deleted. Rows of editions older than <see cref="DigestOptions.LedgerRetention"/> are deleted; the
/// editions themselves stay, for the archive. A reader never gets a paper twice all the same: the choice leaves out
/// papers first listed before the ledger's memory begins (<see cref="DigestChoice.RememberedFrom"/>).
/// </summary>
public sealed class DigestLedgerRetention(PaperDigestDbContext db, IOptions<DigestOptions> options, TimeProvider clock)
{
    // Small batches keep each delete's locks and WAL short; the first run on an old ledger may have millions.
    private const int BatchSize = 10_000;

    /// <summary>The first day whose editions' rows are kept, for an edition on <paramref name="day"/>.</summary>
    public static DateOnly RememberedFrom(DateOnly day, DigestOptions options) =>
        day.AddDays(-(int)Math.Ceiling((options ?? throw new ArgumentNullException(nameof(options))).LedgerRetention.TotalDays));

    /// <summary>Deletes the rows of editions past retention; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var keptFrom = RememberedFrom(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), options.Value);
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.Database.ExecuteSqlAsync($"""
                DELETE FROM digest_deliveries WHERE ctid IN (
                    SELECT d.ctid FROM digest_deliveries d JOIN digest_editions e ON e.id = d.edition_id
                    WHERE e.last_day < {keptFrom}
                    LIMIT {BatchSize})
                """, cancellationToken);
            total += deleted;
        }
        while (deleted == BatchSize);
        return total;
    }
}
