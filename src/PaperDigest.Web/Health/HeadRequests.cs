namespace PaperDigest.Web.Health;

/// <summary>
/// Answers HEAD wherever GET is answered. Uptime monitors and link checkers ask with HEAD, and the endpoints (pages,
/// API, feeds, /health) are mapped for GET only, so they saw 404 for a site that was up.
/// </summary>
internal static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        // Handled as a GET (same status and headers, same cache entry); the method is HEAD again by the time the
        // response starts, which is what makes Kestrel send the headers and drop the body.
        context.Request.Method = HttpMethods.Get;
        context.Response.OnStarting(() =>
        {
            context.Request.Method = HttpMethods.Head;
            return Task.CompletedTask;
        });
        await next(context);
    });
}
