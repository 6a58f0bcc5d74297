using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace PaperDigest.Core.Papers;

/// <summary>Normalises the many spellings of an arXiv identifier to the one key a paper is stored under.</summary>
public static partial class ArxivId
{
    // New-style ids are YYMM.NNNN(N); old-style ids are archive[.SUBJECT]/YYMMNNN. A version suffix is dropped
    // because one paper keeps one row across its revisions; the subject class of old ids is not part of the id.
    [GeneratedRegex(@"^(?:(?<modern>\d{4}\.\d{4,5})|(?<archive>[a-z]+(?:-[a-z]+)*)(?:\.[a-z]{2})?/(?<number>\d{7}))(?:v\d+)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();

    private static readonly string[] PathPrefixes = ["abs/", "pdf/", "html/", "papers/", "format/"];

    // An address pasted from a browser's bar often lacks its scheme ("arxiv.org/abs/2408.00001").
    [GeneratedRegex(@"^(?:www\.)?(?:arxiv\.org|huggingface\.co|hf\.co)/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex SchemelessAddress();

    /// <summary>Accepts bare ids, <c>arXiv:</c> ids, versions and arXiv or Hugging Face URLs.</summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 300)
            return false;

        var candidate = input.Trim();
        if (SchemelessAddress().IsMatch(candidate))
            candidate = "https://" + candidate;
        if (Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            candidate = StripPathPrefix(uri.AbsolutePath.Trim('/'));
        if (candidate.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase))
            candidate = candidate["arxiv:".Length..];
        if (candidate.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            candidate = candidate[..^".pdf".Length];

        var match = IdPattern().Match(candidate);
        if (!match.Success)
            return false;

        id = match.Groups["modern"].Success
            ? match.Groups["modern"].Value
            : $"{match.Groups["archive"].Value.ToLowerInvariant()}/{match.Groups["number"].Value}";
        return true;
    }

    public static Uri AbstractUrl(string id) => new($"https://arxiv.org/abs/{id}");

    public static Uri PdfUrl(string id) => new($"https://arxiv.org/pdf/{id}");

    private static string StripPathPrefix(string path)
    {
        foreach (var prefix in PathPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                return path[prefix.Length..];
        }
        return path;
    }
}
