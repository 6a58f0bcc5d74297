namespace PaperDigest.Web.Subscriptions;

/// <summary>
/// Refuses a public form post that a browser says came from another site (Sec-Fetch-Site, or else Origin), so no
/// site can make the app mail a confirmation to any address, or press a subscriber's buttons, through a visitor's
/// browser. It needs no cookie or token, so the pages with the subscribe form stay cacheable. Clients that send
/// neither header (mail programs, scripts) are not browsers acting for someone else, and pass.
/// </summary>
internal static class SameOriginPosts
{
    public const string Sentence = "This form was sent from another website, so it was refused; use the form on this site instead.";

    public static TBuilder RequireSameOrigin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (IsCrossSite(request))
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginPosts))
                    .LogWarning("Refused a cross-site post to {Path} from {Origin} ({FetchSite})", request.Path,
                        request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
                return Results.Text(Sentence, statusCode: StatusCodes.Status403Forbidden);
            }
            return await next(context);
        });

    public static bool IsCrossSite(HttpRequest request)
    {
        // "none" is a person typing or a bookmark; "same-site" is a sibling subdomain, which is another site's page too.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0)
            return fetchSite is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return false;
        return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
