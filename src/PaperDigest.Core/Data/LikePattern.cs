namespace PaperDigest.Core.Data;

/// <summary>LIKE patterns from user text, with its own %, _ and \ taken literally.</summary>
public static class LikePattern
{
    /// <summary>Longer filters are cut to this: no one types more into a filter box, and a scan pays for every character.</summary>
    public const int MaxTextLength = 200;

    public static string Containing(string text) =>
        "%" + (text.Length > MaxTextLength ? text[..MaxTextLength] : text).Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
