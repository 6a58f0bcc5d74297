using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;
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
/// Finds papers by their words and, where embeddings are on, by their meaning: the word ranking (full text, with
/// misspelt words corrected by trigrams against the words of titles and author names, <see cref="SearchVocabulary"/>,
/// and the papers with most of the words when none has all) and the nearest papers by meaning are fused by
/// <see cref="RankFusion"/>, with exact titles and author names on top. The work per query is bounded by the query
/// length, the page size, <see cref="FusionDepth"/> and a statement timeout.
/// </summary>
public sealed class PaperSearch(PaperDigestDbContext db, SemanticSearch? meaning = null)
{
    public const int PageSize = 20;
    /// <summary>Long enough for any arXiv title pasted whole (the longest run past 300 characters).</summary>
    public const int MaxQueryLength = 500;
    public const int MaxPage = 50;
    /// <summary>Counting stops here ("1,000+ papers"): an exact count of a common word's matches is work nobody reads.</summary>
    public const int MaxCounted = 1000;

    /// <summary>How many of the word ranking's and of the meaning's best papers are fused; past them, the word ranking goes on alone.</summary>
    public const int FusionDepth = 100;

    /// <summary>
    /// Papers less similar than this to the query are not results by meaning alone: all-MiniLM-L6-v2 gives unrelated
    /// texts 0.0–0.2 and a paraphrase 0.4 or more (docs/decisions/0011-local-embeddings.md).
    /// </summary>
    public const float MinSimilarity = 0.3f;

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

        // Embedded before the transaction, so no connection is held while the model runs.
        var near = request.Sort == SearchSort.Relevance && meaning is not null
            ? await meaning.NearestAsync(text, FusionDepth * 2, cancellationToken)
            : [];

        db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The planner does not count the cost of reading each search vector out of TOAST, so for a common word it
        // scanned the table expecting to meet 1,001 matches early, and detoasted tens of thousands of rows (120 ms at a
        // million papers, against 20-50 ms through the GIN index); JIT compiling such plans cost more than it saved.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL jit = off", cancellationToken);
        var filtered = Filter(db.Papers.AsNoTracking(), request);
        var words = text;
        var counts = await WordRanking.CountAsync(filtered, words, cancellationToken);
        string? corrected = null;
        if (counts.Total == 0 && await SearchVocabulary.CorrectAsync(db, text, cancellationToken) is { } correction)
        {
            // Nothing matched the words: a misspelt word ("transfomer", "vaswanni") is corrected to the nearest word of
            // a title or author name, and the corrected query is searched instead.
            var correctedCounts = await WordRanking.CountAsync(filtered, correction, cancellationToken);
            // A correction that finds nothing either is dropped: the reader's own words, most of them matching
            // (below), beat "corrections" of words that are in abstracts but in no title.
            if (correctedCounts.Total > 0)
                (corrected, words, counts) = (correction, correction, correctedCounts);
        }
        var offset = (page - 1) * PageSize;
        var byMeaning = await WithinFilterAsync(filtered, near, cancellationToken);
        // Relevance always goes through the fusion, even with nothing found by meaning, so that a title or an author's
        // name typed whole comes first; an explicit order (newest, upvotes) is the word ranking's alone.
        if (counts.Total > 0 && request.Sort != SearchSort.Relevance)
        {
            var ranked = await WordRanking.RankAsync(filtered, words, request.Sort, counts, offset, PageSize, SnippetOf(words), cancellationToken);
            return new SearchResults(request, await WithCardsAsync(ranked, cancellationToken), counts.Total, corrected);
        }

        var byWords = counts.Total > 0
            ? await WordRanking.RankAsync(filtered, words, request.Sort, counts, 0, FusionDepth, p => p.ArxivId, cancellationToken)
            : await WordRanking.MostWordsAsync(db, filtered, words, cancellationToken);
        var fused = RankFusion.Fuse(byWords, byMeaning, await ExactMatchesAsync(byWords, text, cancellationToken));
        // Past the fused papers the word ranking continues where its fused part ended.
        var wordsBeyond = Math.Max(0, counts.Total - byWords.Count);
        var ids = fused.Skip(offset).Take(PageSize).ToList();
        if (ids.Count < PageSize && wordsBeyond > 0)
            ids.AddRange(await WordRanking.RankAsync(filtered, words, request.Sort, counts, byWords.Count + Math.Max(0, offset - fused.Count),
                PageSize - ids.Count, p => p.ArxivId, cancellationToken));
        var snippets = await filtered.Where(p => ids.Contains(p.ArxivId)).Select(SnippetOf(words)).ToDictionaryAsync(s => s.ArxivId, cancellationToken);
        var hits = await WithCardsAsync(ids.Where(snippets.ContainsKey).Select(id => snippets[id]).ToList(), cancellationToken);
        return new SearchResults(request, hits, fused.Count + wordsBeyond, corrected);
    }

    /// <summary>
    /// The papers whose title, keywords, authors or abstract contain the words of <paramref name="text"/> (in any order,
    /// any form of each word), as public search matches them; curators' search uses it too.
    /// </summary>
    public static IQueryable<Paper> MatchingWords(IQueryable<Paper> papers, string text) =>
        papers.Where(p => p.SearchVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))));

    // The papers near in meaning that the request's filters (and hiding) let through, in order of similarity.
    private static async Task<List<string>> WithinFilterAsync(IQueryable<Paper> filtered, IReadOnlyList<NearPaper> near, CancellationToken cancellationToken)
    {
        var similar = near.Where(n => n.Similarity >= MinSimilarity).Select(n => n.ArxivId).ToList();
        if (similar.Count == 0)
            return [];
        var allowed = (await filtered.Where(p => similar.Contains(p.ArxivId)).Select(p => p.ArxivId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return similar.Where(allowed.Contains).Take(FusionDepth).ToList();
    }

    // A title or an author's name typed whole (letters and digits compared, case and accents ignored) is what the
    // reader was looking for, however the rankings fuse.
    private async Task<IReadOnlySet<string>> ExactMatchesAsync(List<string> byWords, string text, CancellationToken cancellationToken)
    {
        if (byWords.Count == 0)
            return new HashSet<string>();
        var ids = byWords.ToArray();
        var exact = await db.Database.SqlQuery<string>($"""
            SELECT arxiv_id AS "Value" FROM papers
            WHERE arxiv_id = ANY({ids})
              AND (paperdigest_letters(title) = paperdigest_letters({text})
                   OR EXISTS (SELECT 1 FROM unnest(authors) AS author WHERE paperdigest_letters(author) = paperdigest_letters({text})))
            """).ToListAsync(cancellationToken);
        return exact.ToHashSet(StringComparer.Ordinal);
    }

    private static Expression<Func<Paper, Snippet>> SnippetOf(string text) =>
        p => new Snippet(p.ArxivId, EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text)).GetResultHeadline(p.Abstract, HeadlineOptions));

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
