namespace PaperDigest.Core.Meaning;

/// <summary>What of a paper is embedded: title, AI keywords, abstract, in that order.</summary>
public static class PaperText
{
    /// <summary>
    /// The model reads the first 256 word pieces only (about 180 words), so the title and keywords come first and the
    /// abstract fills the rest.
    /// </summary>
    public static string ForEmbedding(string title, IReadOnlyCollection<string>? keywords, string? abstractText)
    {
        var parts = new List<string> { title.Trim().TrimEnd('.') };
        if (keywords is { Count: > 0 })
            parts.Add(string.Join(", ", keywords));
        if (!string.IsNullOrWhiteSpace(abstractText))
            parts.Add(abstractText.Trim());
        return string.Join(". ", parts);
    }
}
