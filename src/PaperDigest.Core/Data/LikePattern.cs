namespace PaperDigest.Core.Data;

/// <summary>LIKE patterns from user text, with its own %, _ and \ taken literally.</summary>
public static class LikePattern
{
    public static string Containing(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
