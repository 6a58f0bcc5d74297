namespace PaperDigest.Core.Papers;

/// <summary>Links that come from sources or admins: only absolute http and https addresses are stored or linked.</summary>
public static class WebAddress
{
    /// <summary>The address when it is an absolute http(s) URL; null for anything else (javascript:, data:, relative paths).</summary>
    public static string? HttpOrNull(string? value) =>
        value is not null && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? value.Trim()
            : null;
}
