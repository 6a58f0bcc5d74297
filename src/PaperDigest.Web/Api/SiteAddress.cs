namespace PaperDigest.Web.Api;

/// <summary>The app's own absolute address as the request reached it, for links in feeds and API answers.</summary>
internal static class SiteAddress
{
    public static Uri Of(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");
}
