using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;

namespace PaperDigest.Core.Papers;

/// <summary>
/// Reads the papers curating sources listed in a period (day, week, month), the neighbouring periods that have such
/// listings, and single papers.
/// </summary>
public sealed class PaperListings(PaperDigestDbContext db, SemanticSearch? meaning = null)
{
    /// <summary>Periods are shown a page of this many at a time, most upvoted first, up to <see cref="MaxPages"/> pages.</summary>
    public const int PageSize = 100;
    public const int MaxPages = 10;

    /// <summary>The period asked for, or the latest curated day when none was (the home page, the API's default, the daily feed).</summary>
    public async Task<ListingPeriod?> RequestedOrLatestDayAsync(ListingPeriod? requested, CancellationToken cancellationToken) =>
        requested ?? (await db.Listings.LatestCuratedDayAsync(cancellationToken) is { } latest ? ListingPeriod.Of(PeriodKind.Day, latest) : null);

    /// <summary>An id as an address gives it, in any spelling, resolved to its paper or to the paper it was merged into.</summary>
    public async Task<PaperLookup> LookUpAsync(string? id, CancellationToken cancellationToken)
    {
        if (!ArxivId.TryNormalize(id, out var canonical))
            return PaperLookup.Missing;
        if (await FindPaperAsync(canonical, cancellationToken) is { } paper)
            return new PaperLookup(paper, null);
        // An id an admin merged into another record keeps leading there, for readers and clients that stored it.
        return await db.PaperAliases.Where(a => a.AliasId == canonical).Select(a => a.ArxivId).FirstOrDefaultAsync(cancellationToken) is { } kept
            ? new PaperLookup(null, kept)
            : PaperLookup.Missing;
    }

    /// <summary>
    /// A page of the papers a curating source listed in the period (only those with the tag, when one is given), most
    /// upvoted first, as cards; null when the period has no such papers.
    /// </summary>
    public Task<PeriodOfPapers<PaperSummary>?> GetPeriodAsync(ListingPeriod period, CancellationToken cancellationToken, string? tag = null, int page = 1) =>
        GetPeriodAsync(period, ids => PaperSummary.LoadInOrderAsync(db.Papers, ids, cancellationToken), tag, page, cancellationToken);

    /// <summary>The same page as whole papers, for the API and the feeds.</summary>
    public Task<PeriodOfPapers<Paper>?> GetPeriodPapersAsync(ListingPeriod period, CancellationToken cancellationToken, string? tag = null, int page = 1) =>
        GetPeriodAsync(period, ids => GetPapersAsync(ids, cancellationToken), tag, page, cancellationToken);

    private async Task<PeriodOfPapers<T>?> GetPeriodAsync<T>(ListingPeriod period, Func<IReadOnlyList<string>, Task<IReadOnlyList<T>>> load,
        string? tag, int page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        page = Math.Clamp(page, 1, MaxPages);
        var ranked = tag is null
            ? await new PeriodRankings(db).PageAsync(period, page, cancellationToken)
            : await RankTaggedAsync(period, tag, page, cancellationToken);
        if (ranked.ArxivIds.Count == 0)
            return null;
        var papers = await load(ranked.ArxivIds);
        var days = await CuratedDaysAroundAsync(period, cancellationToken);
        return new PeriodOfPapers<T>(period, papers, page, ranked.TotalCount, days.Latest ?? period.Last,
            days.Previous is { } before ? period.Containing(before) : null,
            days.Next is { } after ? period.Containing(after) : null);
    }

    // A tag's share of a period is ranked per request: tag pages are many and read far less than the periods themselves.
    private async Task<RankedPage> RankTaggedAsync(ListingPeriod period, string tag, int page, CancellationToken cancellationToken)
    {
        var listed = db.Papers.AsNoTracking()
            .Where(p => p.Listings.Any(l => ListingSources.Curating.Contains(l.Source) && l.Day >= period.First && l.Day <= period.Last))
            .Where(p => p.Tags.Any(t => t.Tag.Slug == tag));
        // A paper an admin pinned to a day comes first on that day's page, and on its week's and month's.
        var ids = await listed
            .OrderByDescending(p => p.PinnedDay >= period.First && p.PinnedDay <= period.Last)
            .ThenByDescending(p => p.Upvotes)
            .ThenByDescending(p => p.Comments)
            .ThenBy(p => p.ArxivId)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(p => p.ArxivId)
            .ToListAsync(cancellationToken);
        var total = page == 1 && ids.Count < PageSize ? ids.Count : await listed.CountAsync(cancellationToken);
        return new RankedPage(total, ids);
    }

    /// <summary>
    /// The period's latest curated day and the nearest curated days before and after it, in one round trip: three
    /// index look-ups that every period page needs.
    /// </summary>
    private async Task<CuratedDays> CuratedDaysAroundAsync(ListingPeriod period, CancellationToken cancellationToken) =>
        await db.Database.SqlQuery<CuratedDays>($"""
            SELECT (SELECT max(day) FROM listings WHERE source = ANY({ListingSources.Curating}) AND day BETWEEN {period.First} AND {period.Last}) AS latest,
                   (SELECT max(day) FROM listings WHERE source = ANY({ListingSources.Curating}) AND day < {period.First}) AS previous,
                   (SELECT min(day) FROM listings WHERE source = ANY({ListingSources.Curating}) AND day > {period.Last}) AS next
            """).SingleAsync(cancellationToken);

    private sealed record CuratedDays(DateOnly? Latest, DateOnly? Previous, DateOnly? Next);

    /// <summary>Whole papers for the ids, in the ids' order (for feeds and exports built on a listing or a search).</summary>
    public async Task<IReadOnlyList<Paper>> GetPapersAsync(IReadOnlyList<string> arxivIds, CancellationToken cancellationToken)
    {
        var papers = await db.Papers.AsNoTracking().Where(p => arxivIds.Contains(p.ArxivId)).ToDictionaryAsync(p => p.ArxivId, cancellationToken);
        return arxivIds.Where(papers.ContainsKey).Select(id => papers[id]).ToList();
    }

    /// <summary>
    /// The papers nearest to this one in meaning (its vector's neighbours); while it has no vector, or embedding is
    /// off, those sharing the most title and keyword terms with it. Words alone drift: a question-answering dataset
    /// shared "speech" and "model" with a speech-to-speech model. None while this instance's vector index is loading.
    /// </summary>
    public async Task<List<PaperSummary>> RelatedAsync(string arxivId, int count, CancellationToken cancellationToken)
    {
        // The words' query costs 90 ms of PostgreSQL at 100,000 papers: after a start under a crawler's load, every
        // paper page took that path, which held pages to ~100 a second and delayed the index's own loading past 30 s
        // (13 s without it). The pages rendered meanwhile are evicted once it has loaded (PaperVectorLoader).
        if (meaning is { IsLoading: true })
            return [];
        // A few more than shown, since hidden papers are still in the index and drop out here.
        var near = meaning?.NearestTo(arxivId, count + 10) ?? [];
        if (near.Count == 0)
            return await SharingWordsAsync(arxivId, count, cancellationToken);
        var ranked = near.Select(n => (n.ArxivId, n.Similarity)).ToList();
        return (await PaperSummary.LoadInOrderAsync(db.Papers, ranked, cancellationToken)).Take(count).Select(hit => hit.Card).ToList();
    }

    // The paper's own topic lexemes become an OR query ranked against everyone else's topic vector.
    private Task<List<PaperSummary>> SharingWordsAsync(string arxivId, int count, CancellationToken cancellationToken) =>
        db.Papers.FromSql($"""
                WITH source AS (
                    SELECT to_tsquery('simple', coalesce(string_agg(quote_literal(lexeme), ' | '), '')) AS query
                    FROM papers, unnest(tsvector_to_array(topic_vector)) AS lexeme
                    WHERE arxiv_id = {arxivId})
                SELECT papers.* FROM papers, source
                WHERE papers.arxiv_id <> {arxivId} AND papers.topic_vector @@ source.query
                ORDER BY ts_rank(papers.topic_vector, source.query) DESC, papers.arxiv_id
                LIMIT {count}
                """)
            .AsNoTracking()
            .Select(PaperSummary.FromPaper)
            .ToListAsync(cancellationToken);

    private Task<Paper?> FindPaperAsync(string arxivId, CancellationToken cancellationToken) =>
        db.Papers.AsNoTracking()
            .Include(p => p.Listings.OrderBy(l => l.Day))
            .Include(p => p.MetricSnapshots.OrderBy(m => m.ObservedAt))
            .Include(p => p.Tags).ThenInclude(t => t.Tag)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);
}

/// <summary>A page of a period's papers (page <see cref="Page"/> of the <see cref="TotalCount"/>), its latest listing
/// day, and the nearest periods before and after it that have listings.</summary>
public sealed record PeriodOfPapers<T>(
    ListingPeriod Period, IReadOnlyList<T> Papers, int Page, int TotalCount, DateOnly LatestDay, ListingPeriod? Previous, ListingPeriod? Next)
{
    public int PageCount => Math.Min((TotalCount + PaperListings.PageSize - 1) / PaperListings.PageSize, PaperListings.MaxPages);
}
