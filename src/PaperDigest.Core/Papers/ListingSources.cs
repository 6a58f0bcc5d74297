namespace PaperDigest.Core.Papers;

/// <summary>The names sources are stored under in listings, metrics and ingestion runs, and what each kind of source is.</summary>
public static class ListingSources
{
    public const string HuggingFace = "huggingface";
    public const string Arxiv = "arxiv";

    /// <summary>
    /// Every kind of source. A curating source hand-picks a few papers a day and its readers vote on them: its days are
    /// what the day, week and month pages, the daily feed, trending and the default digest show. The others (arXiv's
    /// announcements, well over a thousand a day) give search and personal digests their breadth.
    /// </summary>
    public static IReadOnlyList<SourceKind> Kinds { get; } = [new(HuggingFace, Curates: true), new(Arxiv, Curates: false)];

    /// <summary>The names curating sources list under, for queries (<c>Curating.Contains(listing.Source)</c>).</summary>
    public static readonly string[] Curating = Kinds.Where(kind => kind.Curates).Select(kind => kind.Name).ToArray();

    /// <summary>Listings of one arXiv category, such as <c>arxiv:cs.LG</c>, each with its own ranks.</summary>
    public static string ArxivCategory(string category) => $"{Arxiv}:{category}";

    /// <summary>Matches every arXiv category's listings in a LIKE.</summary>
    public const string ArxivCategoryPattern = Arxiv + ":%";

    /// <summary>The arXiv category a listing source names (<c>cs.LG</c> for <c>arxiv:cs.LG</c>); null for any other source.</summary>
    public static string? CategoryOf(string listingSource) =>
        listingSource.StartsWith(Arxiv + ":", StringComparison.Ordinal) ? listingSource[(Arxiv.Length + 1)..] : null;
}

/// <summary>A kind of source: the name its listings are stored under, and whether it curates.</summary>
public sealed record SourceKind(string Name, bool Curates);
