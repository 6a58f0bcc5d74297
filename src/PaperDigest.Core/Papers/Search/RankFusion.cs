namespace PaperDigest.Core.Papers.Search;

/// <summary>
/// Reciprocal rank fusion: each ranking gives a paper 1 / (<see cref="K"/> + its rank), and the sums order the
/// papers. It needs no scores, only orders, so word relevance and similarity by meaning, which have no common scale,
/// fuse without tuning. Papers in <c>onTop</c> (an exact title, an author's name) come first whatever the sums.
/// </summary>
public static class RankFusion
{
    /// <summary>The usual constant (Cormack et al., 2009): it damps the difference between the first few ranks.</summary>
    public const int K = 60;

    public static List<string> Fuse(IReadOnlyList<string> byWords, IReadOnlyList<string> byMeaning, IReadOnlySet<string> onTop)
    {
        ArgumentNullException.ThrowIfNull(byWords);
        ArgumentNullException.ThrowIfNull(byMeaning);
        ArgumentNullException.ThrowIfNull(onTop);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ranking in (IReadOnlyList<string>[])[byWords, byMeaning])
        {
            for (var rank = 0; rank < ranking.Count; rank++)
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + 1.0 / (K + rank + 1);
        }
        // Ties keep the word ranking's order, which breaks its own ties by upvotes.
        var wordRank = byWords.Select((id, rank) => (id, rank)).ToDictionary(x => x.id, x => x.rank, StringComparer.Ordinal);
        return scores.Keys
            .OrderByDescending(onTop.Contains)
            .ThenByDescending(id => scores[id])
            .ThenBy(id => wordRank.GetValueOrDefault(id, int.MaxValue))
            .ThenBy(id => id, StringComparer.Ordinal)
            .ToList();
    }
}
