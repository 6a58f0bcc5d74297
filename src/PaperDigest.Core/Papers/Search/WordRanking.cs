using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers.Search;

/// <summary>How many papers match the words: in their title or keywords (<see cref="InTopic"/>), and anywhere.</summary>
internal readonly record struct WordCounts(int InTopic, int Total);

/// <summary>
/// Full-text matching and ranking over the weighted, unaccented search vector with <c>websearch_to_tsquery</c>, which
/// accepts any input (quotes, operators, stray symbols) without a syntax error.
/// </summary>
internal static class WordRanking
{
    public static IQueryable<Paper> InTopic(IQueryable<Paper> papers, string text) =>
        papers.Where(p => p.TopicVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))));

    public static async Task<WordCounts> CountAsync(IQueryable<Paper> filtered, string text, CancellationToken cancellationToken)
    {
        var topicCount = await InTopic(filtered, text).Take(PaperSearch.MaxCounted + 1).CountAsync(cancellationToken);
        var total = topicCount > PaperSearch.MaxCounted ? topicCount
            : await PaperSearch.MatchingWords(filtered, text).Take(PaperSearch.MaxCounted + 1).CountAsync(cancellationToken);
        return new WordCounts(topicCount, total);
    }

    /// <summary>
    /// Papers <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of the matches in the
    /// requested order, each read as <paramref name="select"/> makes it. Relevance puts papers whose title or keywords
    /// match first (the topic vector, small and kept in the row, ranked), then those that match only in the abstract
    /// or author list, newest first: ranking every match read each one's row, half a second for a common word at a
    /// million papers.
    /// </summary>
    public static async Task<List<T>> RankAsync<T>(IQueryable<Paper> filtered, string text, SearchSort sort, WordCounts counts, int offset, int count,
        Expression<Func<Paper, T>> select, CancellationToken cancellationToken)
    {
        var matching = PaperSearch.MatchingWords(filtered, text);
        if (sort != SearchSort.Relevance)
        {
            var ordered = sort == SearchSort.Upvotes ? matching.OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId) : Newest(matching);
            return await ordered.Skip(offset).Take(count).Select(select).ToListAsync(cancellationToken);
        }
        var ranked = offset < counts.InTopic
            ? await InTopic(filtered, text)
                .OrderByDescending(p => p.TopicVector.Rank(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))))
                .ThenByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId)
                .Skip(offset).Take(count).Select(select).ToListAsync(cancellationToken)
            : [];
        if (ranked.Count < count && counts.Total > counts.InTopic)
        {
            // At most MaxCounted of them are ordered (as many as are counted): sorting every mention of a common word
            // reads every matching row.
            var onlyInBody = matching.Where(p => !p.TopicVector.Matches(EF.Functions.WebSearchToTsQuery("english", SearchFunctions.Unaccent(text))))
                .Take(PaperSearch.MaxCounted);
            ranked.AddRange(await Newest(onlyInBody).Skip(Math.Max(0, offset - counts.InTopic)).Take(count - ranked.Count)
                .Select(select).ToListAsync(cancellationToken));
        }
        return ranked;
    }

    // How many papers the most-words fallback reads the search vectors of, at most.
    private const int MaxExamined = 2_000;

    /// <summary>
    /// When no paper has every word: the papers that have most of them (more than half of the query's distinct
    /// stems), most words first. A long pasted description with one stray or cut-off word ("… bridging geophysical to
    /// stellar f") would otherwise find nothing.
    /// </summary>
    public static async Task<List<string>> MostWordsAsync(PaperDigestDbContext db, IQueryable<Paper> filtered, string text, CancellationToken cancellationToken)
    {
        // The query's stems as the search vector stores them (English stemming, stop words gone), rarest first by the
        // lexeme frequencies ANALYZE keeps for the column (a stem it does not list is rarer than any it does).
        var stems = await db.Database.SqlQuery<string>($"""
            SELECT query.lexeme AS "Value"
            FROM (SELECT lexeme FROM unnest(to_tsvector('english', paperdigest_unaccent({text}))) LIMIT 40) AS query
            LEFT JOIN (SELECT common.lexeme, common.frequency
                       FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) AS common(lexeme, frequency)
                       WHERE schemaname = current_schema() AND tablename = 'papers' AND attname = 'search_vector') AS known
                   ON known.lexeme = query.lexeme
            ORDER BY coalesce(known.frequency, 0), query.lexeme
            """).ToListAsync(cancellationToken);
        if (stems.Count < 2)
            return [];
        var needed = stems.Count / 2 + 1;
        // A paper with `needed` of the n stems has at least one of any n - needed + 1 of them, so the index looks up
        // only the rarest that many: the common ones matched thousands of papers whose vectors were then read in vain.
        // Each is quoted for to_tsquery, so no character of the query can be read as an operator.
        var anyStem = string.Join(" | ", stems.Take(stems.Count - needed + 1).Select(stem => "'" + stem.Replace("'", "''", StringComparison.Ordinal) + "'"));
        var stemArray = stems.ToArray();
        // How many of the stems a paper has: its lexemes less those left once the stems are deleted. Testing each stem
        // with @@ instead read the paper's search vector (kept out of line, with its abstract) once per stem.
        // Bounded: of the papers with a rare stem, the most upvoted MaxExamined are counted (their vectors read), so a
        // vocabulary where every word is common costs milliseconds, not the statement timeout.
        return await filtered.Where(p => p.SearchVector.Matches(EF.Functions.ToTsQuery("simple", anyStem)))
            .OrderByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId)
            .Take(MaxExamined)
            .Select(p => new { p.ArxivId, p.Upvotes, Matched = p.SearchVector.GetLength() - p.SearchVector.Delete(stemArray).GetLength() })
            .Where(p => p.Matched >= needed)
            .OrderByDescending(p => p.Matched).ThenByDescending(p => p.Upvotes).ThenBy(p => p.ArxivId)
            .Take(PaperSearch.MaxCounted)
            .Select(p => p.ArxivId)
            .ToListAsync(cancellationToken);
    }

    // Undated papers last: PostgreSQL puts NULLs first in a descending order, which headed the newest results with them.
    private static IOrderedQueryable<Paper> Newest(IQueryable<Paper> papers) =>
        papers.OrderBy(p => p.PublishedAt == null).ThenByDescending(p => p.PublishedAt).ThenBy(p => p.ArxivId);
}
