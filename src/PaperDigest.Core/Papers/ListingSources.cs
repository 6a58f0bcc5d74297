namespace PaperDigest.Core.Papers;

/// <summary>The names sources are stored under in listings, metrics and ingestion runs.</summary>
public static class ListingSources
{
    public const string HuggingFace = "huggingface";
    public const string Arxiv = "arxiv";
}
