using PaperDigest.Core.Site;

namespace PaperDigest.Web.Security;

/// <summary>
/// Pages of one person: the admin console and a subscriber's own pages (opened by a secret token). They are never
/// output-cached and never compressed (secrets beside reflected text are what BREACH-style attacks need).
/// </summary>
internal static class PrivatePages
{
    public static bool Contain(PathString path) =>
        path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/" + SiteLinks.SubscriberPrefix, StringComparison.OrdinalIgnoreCase);
}
