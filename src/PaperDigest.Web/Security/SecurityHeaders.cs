namespace PaperDigest.Web.Security;

/// <summary>
/// Headers every response carries: a Content Security Policy that runs only the app's own scripts and lets no site
/// frame it, no MIME sniffing, and a referrer policy (pages that set a stricter one, like the subscription pages,
/// keep theirs). HSTS is added outside Development by UseHsts.
/// </summary>
internal static class SecurityHeaders
{
    // Inline style attributes are allowed because KaTeX lays out formulas with them and the digest preview shows the
    // email as mail clients get it (inline styles); scripts, frames, plugins and form targets are locked down.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            if (!headers.ContainsKey("Referrer-Policy"))
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}
