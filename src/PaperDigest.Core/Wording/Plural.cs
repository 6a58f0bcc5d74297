using System.Globalization;

namespace PaperDigest.Core.Wording;

/// <summary>Counted nouns as readers expect them: "1 comment", "2 comments", never "1 comments" or "comment(s)".</summary>
public static class Plural
{
    /// <summary>The count (with thousands separators) and the noun in the form the count takes.</summary>
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {Noun(count, singular, plural)}");

    /// <summary>The noun alone, for text that shows the number elsewhere.</summary>
    public static string Noun(long count, string singular, string? plural = null) =>
        count == 1 ? singular : plural ?? singular + "s";
}
