namespace PaperDigest.Core.Papers;

/// <summary>The names sources are stored under in listings, metrics and ingestion runs.</summary>
public static class ListingSources
{
    public const string HuggingFace = "huggingface";
    public const string Arxiv = "arxiv";

    /// <summary>Listings of one arXiv category, such as <c>arxiv:cs.LG</c>, each with its own ranks.</summary>
    public static string ArxivCategory(string category) => $"{Arxiv}:{category}";
}
