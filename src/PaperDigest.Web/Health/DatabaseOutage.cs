using PaperDigest.Core.Data;

namespace PaperDigest.Web.Health;

/// <summary>
/// When the database does not answer, a request gets 503 with Retry-After and a page (or problem+json for the API)
/// saying so in one sentence, instead of an error page; the app keeps running, and the next request after the
/// database returns is served normally (connections are opened per request). Pages in the output cache are still
/// served meanwhile, since this sits behind the cache only for what the cache cannot answer.
/// </summary>
internal static class DatabaseOutage
{
    private const string Sentence = "PaperDigest cannot reach its database right now; please try again in a minute.";

    public static IApplicationBuilder UseDatabaseOutagePage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next();
        }
        // A query cancelled because the browser went away is no outage; the exception handler treats it as an aborted request.
        catch (Exception exception) when (DatabaseFailure.Find(exception) is { } failure && DatabaseFailure.IsOutage(failure)
                                          && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage))
                .LogError("The database did not answer {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, failure.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            context.Response.Headers.CacheControl = "no-store";
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await Results.Problem(Sentence, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync($"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Back soon · PaperDigest</title><link rel="stylesheet" href="/app.css"></head>
                <body><main id="main"><h1>Back in a minute</h1><p>{Sentence}</p><p><a href="/">Try again</a></p></main></body></html>
                """);
        }
    });
}
