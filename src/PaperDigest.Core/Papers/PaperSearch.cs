using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers.Search;

namespace PaperDigest.Core.Papers;

public enum SearchSort
{
    Relevance,
    Newest,
    Upvotes,
}

/// <summary>What a reader asked for: the words, the filters, the order and the page.</summary>
public sealed record SearchRequest(string? Query, SearchSort Sort = SearchSort.Relevance, int? MinUpvotes = null, bool HasCode = false,
    DateOnly? PublishedFrom = null, DateOnly? PublishedTo = null, int Page = 1, string? Tag = null, SearchSource Source = SearchSource.Any);

/// <summary>Which listings a found paper must have: any, a curating source's (Hugging Face), or arXiv's.</summary>
public enum SearchSource
{
    Any,
    Curated,
    Arxiv,
}

public static class SearchSources
{
    /// <summary>The source a page or the API was asked for (curated, arxiv); Any when none; null when the value is not one.</summary>
    public static SearchSource? Parse(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SearchSource.Any
        : Enum.TryParse<SearchSource>(value, ignoreCase: true, out var source) && Enum.IsDefined(source) && source != SearchSource.Any ? source
        : null;
}

/// <summary>A page of results; <see cref="CorrectedQuery"/> is set when they are for a spelling-corrected query because the words found nothing.</summary>
public sealed record SearchResults(SearchRequest Request, IReadOnlyList<SearchHit> Hits, int TotalCount, string? CorrectedQuery)
{
    public int PageCount => (TotalCount + PaperSearch.PageSize - 1) / PaperSearch.PageSize;

    /// <summary>True when there are more than <see cref="PaperSearch.MaxCounted"/> results and <see cref="TotalCount"/> stopped there.</summary>
    public bool IsCountCapped => TotalCount > PaperSearch.MaxCounted;

    /// <summary>"42", or "1,000+" when counting stopped.</summary>
    public string CountText => IsCountCapped
        ? string.Create(CultureInfo.InvariantCulture, $"{PaperSearch.MaxCounted:N0}+")
        : TotalCount.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>A found paper and a snippet of its abstract, the matches marked with <see cref="PaperSearch.MatchStart"/>/<see cref="PaperSearch.MatchEnd"/>.</summary>
public sealed record SearchHit(PaperSummary Paper, string Snippet);

/// <summary>
/// Full-text search over the weighted, unaccented search vector with <c>websearch_to_tsquery</c>, which accepts any
/// input (quotes, operators, stray symbols) without a syntax error; when the words find nothing, misspelt words are
/// corrected by trigrams against the words of titles and author names (<see cref="SearchVocabulary"/>). The work per
/// query is bounded by the query length, the page size and a statement timeout.
/// </summary>
public sealed class PaperSearch(PaperDigestDbContext db)
{
    public const int PageSize = 20;
    /// <summary>Long enough for any arXiv title pasted whole (the longest run past 300 characters).</summary>
    public const int MaxQueryLength = 500;
    public const int MaxPage = 50;
    /// <summary>Counting stops here ("1,000+ papers"): an exact count of a common word's matches is work nobody reads.</summary>
    public const int MaxCounted = 1000;

    // Control characters mark matches in snippets: unlike <b>, they cannot occur in scraped text, so the page can
    // encode everything and turn only these into <mark>.
    public const char MatchStart = '\u0002';
    public const char MatchEnd = '\u0003';
    private const string HeadlineOptions = "StartSel=\u0002, StopSel=\u0003, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=\" … \"";

    /// <summary>The canonical id when the query is just an arXiv id or URL, so the search page can jump to the paper.</summary>
    public async Task<string?> FindByIdAsync(string? query, CancellationToken cancellationToken) =>
        ArxivId.TryNormalize(query, out var id) && await db.Papers.AnyAsync(p => p.ArxivId == id, cancellationToken) ? id : null;

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = Normalize(request.Query);
        var page = Math.Clamp(request.Page, 1, MaxPage);
        request = request with { Query = text, Page = page };
        if (text.Length == 0)
            return new SearchResults(request, [], 0, CorrectedQuery: null);

        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The planner does not count the cost of reading each search vector out of TOAST, so for a common word it
        // scanned the table expecting to meet 1,001 matches early, and detoasted tens of thousands of rows (120 ms at a
        // million papers, against 20-50 ms through the GIN index); JIT compiling such plans cost more than it saved.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL jit = off", cancellationToken);
        var filtered = Filter(db.Papers.AsNoTracking(), request);
        var (hits, total) = await MatchWordsAsync(filtered, text, request, cancellationToken);
        if (total > 0)
            return new SearchResults(request, hits, total, CorrectedQuery: null);

        // Nothing matched the words: a misspelt word ("transfomer", "vaswanni") is corrected to the nearest word of a
        // title or author name, and the corrected query is searched instead.
        var corrected = await SearchVocabulary.CorrectAsync(db, text, cancellationToken);
        if (corrected is null)
            return new SearchResults(request, [], 0, CorrectedQuery: null);
        (hits, total) = await MatchWordsAsync(filtered, corrected, request, cancellationToken);
        return new SearchResults(request, hits, total, corrected);
    }

    // Relevance puts papers whose title or keywords match first (the topic vector, small and kept in the row, ranked),
    // then the papers that match only in the abstract or author list, newest first. Ranking every match instead read
    // each one's row: half a second for a common word at a million papers.
    private async Task<(IReadOnlyList<SearchHit> Hits, int Total)> MatchWordsAsync(
        IQueryable<Paper> filtered, string text, SearchRequest request, CancellationToken cancellationToken)
    {
        var matching = MatchingWords(filtered, text);
        var inTopic = filtered.Where(p => p.TopicVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))));
        var topicCount = await inTopic.Take(MaxCounted + 1).CountAsync(cancellationToken);
        var total = topicCount > MaxCounted ? topicCount : await matching.Take(MaxCounted + 1).CountAsync(cancellationToken);
        if (total == 0)
            return ([], 0);

        var offset = (request.Page - 1) * PageSize;
        List<Snippet> snippets;
        if (request.Sort == SearchSort.Relevance)
        {
            snippets = offset < topicCount
                ? await Snippets(inTopic
                    .OrderByDescending(p => p.TopicVector.Rank(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))))
                    .ThenByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId), offset, PageSize, text, cancellationToken)
                : [];
            if (snippets.Count < PageSize && total > topicCount)
            {
                // At most MaxCounted of them are ordered (as many as are counted): sorting every mention of a common
                // word reads every matching row.
                var onlyInBody = matching.Where(p => !p.TopicVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))))
                    .Take(MaxCounted);
                snippets.AddRange(await Snippets(Newest(onlyInBody), Math.Max(0, offset - topicCount), PageSize - snippets.Count, text, cancellationToken));
            }
        }
        else
        {
            var ordered = request.Sort == SearchSort.Upvotes ? matching.OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId) : Newest(matching);
            snippets = await Snippets(ordered, offset, PageSize, text, cancellationToken);
        }
        return (await WithCardsAsync(snippets, cancellationToken), total);
    }

    /// <summary>
    /// The papers whose title, keywords, authors or abstract contain the words of <paramref name="text"/> (in any order,
    /// any form of each word), as public search matches them; curators' search uses it too.
    /// </summary>
    public static IQueryable<Paper> MatchingWords(IQueryable<Paper> papers, string text) =>
        papers.Where(p => p.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))));

    // Undated papers last: PostgreSQL puts NULLs first in a descending order, which headed the newest results with them.
    private static IOrderedQueryable<Paper> Newest(IQueryable<Paper> papers) =>
        papers.OrderBy(p => p.PublishedAt == null).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.ArxivId);

    private static Task<List<Snippet>> Snippets(IQueryable<Paper> ordered, int offset, int count, string text, CancellationToken cancellationToken) =>
        ordered.Skip(offset).Take(count)
            .Select(p => new Snippet(p.ArxivId,
                EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text)).GetResultHeadline(p.Abstract, HeadlineOptions)))
            .ToListAsync(cancellationToken);

    private async Task<IReadOnlyList<SearchHit>> WithCardsAsync(List<Snippet> snippets, CancellationToken cancellationToken) =>
        (await PaperSummary.LoadInOrderAsync(db.Papers, snippets.Select(s => (s.ArxivId, s.Text)).ToList(), cancellationToken))
            .Select(hit => new SearchHit(hit.Card, hit.Extra))
            .ToList();

    private sealed record Snippet(string ArxivId, string Text);

    private static IQueryable<Paper> Filter(IQueryable<Paper> papers, SearchRequest request)
    {
        if (request.MinUpvotes is { } minimum)
            papers = papers.Where(p => p.Upvotes >= minimum);
        if (request.HasCode)
            papers = papers.Where(p => p.GithubUrl != null);
        if (!string.IsNullOrWhiteSpace(request.Tag))
            papers = papers.Where(p => p.Tags.Any(t => t.Tag.Slug == request.Tag));
        if (request.Source == SearchSource.Curated)
            papers = papers.Where(p => p.Listings.Any(l => ListingSources.Curating.Contains(l.Source)));
        else if (request.Source == SearchSource.Arxiv)
            papers = papers.Where(p => p.Listings.Any(l => EF.Functions.Like(l.Source, ListingSources.Arxiv + "%")));
        if (request.PublishedFrom is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            papers = papers.Where(p => p.PublishedAt >= start);
        }
        if (request.PublishedTo is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            papers = papers.Where(p => p.PublishedAt < end);
        }
        return papers;
    }

    // Control characters (including the snippet markers) and runs of spaces carry no meaning for a search.
    private static string Normalize(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            return "";
        var cleaned = new string(query.Where(c => !char.IsControl(c)).ToArray());
        // A dash standing alone is punctuation ("dark matter - dark energy"), not websearch's "-word" exclusion, which
        // it would otherwise become for the next word, so a pasted title would exclude itself.
        cleaned = string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(word => word != "-"));
        if (cleaned.Length <= MaxQueryLength)
            return cleaned;
        // Cut between words: a cut-off last word ("…numerical conv") would match nothing and, the words being ANDed,
        // make the whole query match nothing. One word past the limit is cut short, never an emoji (a surrogate pair)
        // in half, which PostgreSQL would refuse.
        var space = cleaned.LastIndexOf(' ', MaxQueryLength);
        return space > 0 ? cleaned[..space] : cleaned[..(char.IsHighSurrogate(cleaned[MaxQueryLength - 1]) ? MaxQueryLength - 1 : MaxQueryLength)];
    }
}
