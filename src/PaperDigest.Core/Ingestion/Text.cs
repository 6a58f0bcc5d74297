using System.Text.RegularExpressions;

namespace PaperDigest.Core.Ingestion;

/// <summary>Text clean-up shared by every source parser.</summary>
internal static partial class Text
{
    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Sources keep arXiv's hard line wraps ("…Multimodal\n  Models"); one space reads the same everywhere.</summary>
    public static string CollapseWhitespace(string? value) =>
        string.IsNullOrWhiteSpace(value) ? "" : Whitespace().Replace(value, " ").Trim();

    /// <summary>Keeps only absolute http(s) links, so a scraped "javascript:" URL can never become a live link.</summary>
    public static string? WebUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    public static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
