namespace PaperDigest.Web.Api;

/// <summary>
/// Every error under /api is problem+json with one sentence, in every environment: a parameter that does not bind,
/// an unknown address, a refused method, or an exception (never a stack trace or a source path). Elsewhere a status
/// without a body gets the site's "not found" page.
/// </summary>
internal static class ApiProblems
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Development would otherwise throw on a parameter that does not bind and show the exception page; both
        // environments answer the same 400 instead.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        return services;
    }

    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app)
    {
        // Re-execution needs the main pipeline's routing, so it stays outside the /api branch; it leaves alone the
        // answers that branch has already written.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(context => IsApi(context.Request), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = context => WriteAsync(context, StatusCodes.Status500InternalServerError),
            });
            api.UseStatusCodePages(status => WriteAsync(status.HttpContext, status.HttpContext.Response.StatusCode));
        });
        return app;
    }

    public static Task WriteAsync(HttpContext context, int status, string? sentence = null) =>
        Results.Problem(detail: sentence ?? Sentence(status), statusCode: status).ExecuteAsync(context);

    private static string Sentence(int status) => status switch
    {
        StatusCodes.Status400BadRequest =>
            "A query parameter has a value of the wrong kind (page must be a whole number); /openapi/v1.json describes each parameter.",
        StatusCodes.Status404NotFound => "There is nothing at this API address; /openapi/v1.json lists the addresses there are.",
        StatusCodes.Status405MethodNotAllowed => "The API is read-only; use GET.",
        StatusCodes.Status500InternalServerError =>
            "The API failed on our side; try again in a minute, and tell the admin the time if it keeps happening.",
        _ => "The request could not be answered; /openapi/v1.json describes the API.",
    };
}
