using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The order of a curated day's, week's or month's papers, stored in PostgreSQL (<c>period_rankings</c>) so that a page
/// of a period is an index read, not a sort of every paper listed in it: a month at 100,000 papers is 30,000 rows to
/// join and order per request. Triggers on <c>listings</c> and <c>papers</c> mark a period's ranking out of date in the
/// same transaction as any change to what it ranks (its listings, a paper's counts, pin or hiding), whatever process
/// makes it; the next reader ranks it again and stores it, unless another change came in meanwhile.
/// </summary>
internal sealed class PeriodRankings(PaperDigestDbContext db)
{
    /// <summary>How many of a period's papers are kept in order: every page a reader can ask for.</summary>
    private const int Kept = PaperListings.PageSize * PaperListings.MaxPages;

    /// <summary>The ids on page <paramref name="page"/> of the period and how many papers it has; none when it has none.</summary>
    public async Task<RankedPage> PageAsync(ListingPeriod period, int page, CancellationToken cancellationToken)
    {
        var (kind, from, to) = (period.Kind.ToString(), (page - 1) * PaperListings.PageSize + 1, page * PaperListings.PageSize);
        var stored = (await db.Database.SqlQuery<StoredRanking>($"""
            SELECT version, paper_count, ranked_ids[{from}:{to}] AS ranked_ids
            FROM period_rankings WHERE kind = {kind} AND first_day = {period.First}
            """).ToListAsync(cancellationToken)).SingleOrDefault();
        if (stored is { PaperCount: { } count, RankedIds: { } ids })
            return new RankedPage(count, ids);

        // Ranks the period as the listing pages order it and stores the ranking in one statement, under the version read
        // above: a change committed since then has bumped it, and the ranking, older than the change, is not kept.
        // Periods with no papers are not stored, so addresses made up by crawlers leave no rows behind.
        var seenVersion = stored?.Version ?? 0;
        var ranked = (await db.Database.SqlQuery<StoredRanking>($"""
            WITH listed AS (
                SELECT p.arxiv_id, p.upvotes, p.comments, coalesce(p.pinned_day BETWEEN {period.First} AND {period.Last}, false) AS pinned
                FROM papers p
                WHERE p.hidden_at IS NULL
                  AND p.arxiv_id IN (SELECT l.arxiv_id FROM listings l
                                     WHERE l.source = ANY({ListingSources.Curating}) AND l.day BETWEEN {period.First} AND {period.Last})),
            ranking AS (
                SELECT (SELECT count(*) FROM listed)::integer AS paper_count,
                       ARRAY(SELECT arxiv_id FROM listed ORDER BY pinned DESC, upvotes DESC, comments DESC, arxiv_id LIMIT {Kept}) AS ranked_ids),
            stored AS (
                INSERT INTO period_rankings (kind, first_day, version, paper_count, ranked_ids)
                SELECT {kind}, {period.First}, {seenVersion}, paper_count, ranked_ids FROM ranking WHERE paper_count > 0
                ON CONFLICT (kind, first_day) DO UPDATE SET paper_count = excluded.paper_count, ranked_ids = excluded.ranked_ids
                WHERE period_rankings.version = excluded.version)
            SELECT {seenVersion} AS version, paper_count, ranked_ids[{from}:{to}] AS ranked_ids FROM ranking
            """).ToListAsync(cancellationToken)).Single();
        return new RankedPage(ranked.PaperCount ?? 0, ranked.RankedIds ?? []);
    }

    private sealed record StoredRanking(long Version, int? PaperCount, string[]? RankedIds);
}

/// <summary>The ids of one page of a period's papers, in order, and how many papers the period has in all.</summary>
internal sealed record RankedPage(int TotalCount, IReadOnlyList<string> ArxivIds);
