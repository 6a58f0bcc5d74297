using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace PaperDigest.Web.Admin;

/// <summary>
/// Answers an admin POST with a redirect (post/redirect/get), carrying the action's notice across in a short-lived,
/// encrypted cookie for /admin that the next page takes and deletes: the notice shows once, and a reload repeats nothing.
/// </summary>
internal static class CarriedNotice
{
    /// <summary>
    /// A 303 See Other to <paramref name="location"/>, so the browser follows with a GET and a reload does not offer to
    /// post again. Set directly: Blazor's NavigateTo answers a POST with 302. The page's markup still follows as the
    /// body, which browsers ignore.
    /// </summary>
    public static void Redirect(HttpContext context, string location, string? notice = null)
    {
        if (notice is not null)
            Carry(context, notice);
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = location;
    }

    private const string CookieName = "PaperDigest.Notice";
    private const string Purpose = "PaperDigest.Admin.Notice";

    private static void Carry(HttpContext context, string notice) =>
        context.Response.Cookies.Append(CookieName, Protector(context).Protect(notice), new CookieOptions
        {
            Path = "/admin",
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromMinutes(5),
        });

    /// <summary>The notice the previous action left, once; null when there is none or it cannot be read.</summary>
    public static string? Take(HttpContext context)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 } carried)
            return null;
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/admin" });
        try
        {
            return Protector(context).Unprotect(carried);
        }
        catch (CryptographicException)
        {
            // A cookie from before a key rotation, or one not made here: there is simply no notice to show.
            return null;
        }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
