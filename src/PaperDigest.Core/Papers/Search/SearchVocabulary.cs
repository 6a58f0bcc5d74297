using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers.Search;

/// <summary>
/// The words of every title and author name (table <c>search_words</c>, split by the database function
/// <c>paperdigest_words</c>), with a trigram index. Correcting a misspelt query word against this vocabulary of a few
/// hundred thousand words costs milliseconds; matching the whole query against a million titles by trigrams took
/// seconds.
/// </summary>
public static class SearchVocabulary
{
    /// <summary>Queries longer than this are corrected only in their first words; the rest are dropped from the corrected search.</summary>
    public const int MaxCorrectedWords = 12;

    /// <summary>Adds the words of these papers' titles and authors, inside the caller's transaction.</summary>
    public static Task AddWordsOfAsync(PaperDigestDbContext db, IReadOnlyCollection<string> arxivIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = arxivIds.ToArray();
        // One statement, in word order: two runs adding the same new words wait on each other in the same order, so
        // they cannot deadlock, and ON CONFLICT lets the later one skip what the earlier one added.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO search_words (word)
            SELECT DISTINCT word FROM papers, paperdigest_words(title || ' ' || paperdigest_join(authors)) AS word
            WHERE arxiv_id = ANY({ids})
            ORDER BY word
            ON CONFLICT DO NOTHING
            """, cancellationToken);
    }

    /// <summary>
    /// The query with each word that no title or author contains replaced by the most similar word that one does,
    /// or null when there is nothing to correct.
    /// </summary>
    public static async Task<string?> CorrectAsync(PaperDigestDbContext db, string query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var words = await db.Database.SqlQuery<WordCorrection>($"""
            SELECT q.word AS original,
                   coalesce((SELECT s.word FROM search_words s WHERE s.word = q.word),
                            (SELECT s.word FROM search_words s WHERE s.word % q.word ORDER BY similarity(s.word, q.word) DESC, s.word LIMIT 1),
                            q.word) AS corrected
            FROM (SELECT word, min(position) AS position FROM paperdigest_words({query}) WITH ORDINALITY AS w(word, position)
                  GROUP BY word ORDER BY position LIMIT {MaxCorrectedWords}) AS q
            ORDER BY q.position
            """).ToListAsync(cancellationToken);
        return words.Any(w => w.Corrected != w.Original) ? string.Join(' ', words.Select(w => w.Corrected)) : null;
    }

    private sealed class WordCorrection
    {
        public required string Original { get; init; }
        public required string Corrected { get; init; }
    }
}
