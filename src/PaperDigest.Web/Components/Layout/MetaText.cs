namespace PaperDigest.Web.Components.Layout;

/// <summary>Text shortened for a meta description or a link preview.</summary>
public static class MetaText
{
    public const int DescriptionLength = 160;

    /// <summary>The text on one line, cut at the last word that fits and marked with an ellipsis when cut.</summary>
    public static string Shorten(string text, int maxLength = DescriptionLength)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length <= maxLength)
            return oneLine;
        var cut = oneLine.LastIndexOf(' ', maxLength - 1);
        return oneLine[..(cut > maxLength / 2 ? cut : maxLength - 1)].TrimEnd(',', ';', ':', '.') + "…";
    }
}
