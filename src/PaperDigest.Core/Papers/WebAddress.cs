namespace PaperDigest.Core.Papers;

/// <summary>Links that come from sources or admins: only absolute http and https addresses are stored or linked.</summary>
public static class WebAddress
{
    /// <summary>The address when it is an absolute http(s) URL; null for anything else (javascript:, data:, relative paths).</summary>
    public static string? HttpOrNull(string? value) =>
        value is not null && Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && IsHttp(uri) ? value.Trim() : null;

    /// <summary>Whether the address is absolute http or https, as every address the app calls or links to must be.</summary>
    public static bool IsHttp(Uri? address) =>
        address is { IsAbsoluteUri: true } && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
}
