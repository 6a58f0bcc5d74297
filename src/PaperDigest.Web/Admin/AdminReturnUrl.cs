namespace PaperDigest.Web.Admin;

/// <summary>Where to go after signing in: only a path inside /admin on this site, so the sign-in form cannot be used as an open redirect.</summary>
internal static class AdminReturnUrl
{
    public static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2000 }
        && (returnUrl == "/admin" || returnUrl.StartsWith("/admin/", StringComparison.Ordinal))
        && !returnUrl.Contains('\\', StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/admin";
}
