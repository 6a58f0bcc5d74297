using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using PaperDigest.Core.Admin;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Core.Data;

namespace PaperDigest.Web.Admin;

/// <summary>Admin accounts (ASP.NET Core Identity in PaperDigest's database), the sign-in cookie, and the /admin endpoints.</summary>
internal static class AdminSetup
{
    public const string SignInPath = "/admin/signin";

    public static WebApplicationBuilder AddPaperDigestAdmin(this WebApplicationBuilder builder)
    {
        // Secure everywhere but on a developer's own http://localhost, where a Secure-only antiforgery cookie would make
        // every admin form fail. Behind a TLS-terminating proxy, the proxy must send X-Forwarded-Proto (see README).
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        builder.Services.AddIdentityCore<AdminUser>(options =>
            {
                // Length is what makes a password strong (NIST SP 800-63B); composition rules mostly make it predictable.
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<PaperDigestDbContext>()
            .AddSignInManager();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.Cookie.Name = "PaperDigest.Admin";
            // Sent to /admin only: public pages never see it, so they stay anonymous and cacheable.
            cookie.Cookie.Path = "/admin";
            cookie.Cookie.SecurePolicy = secure;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.HttpOnly = true;
        });
        builder.Services.AddAuthorization();
        builder.Services.AddScoped<Background.BackgroundWork>();
        builder.Services.AddScoped<Attention>();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.SecurePolicy = secure;
            antiforgery.Cookie.Path = "/admin";
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // Sign-out changes state, so it is a POST carrying the antiforgery token, never a link.
        app.MapPost("/admin/signout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AdminUser> signIn, AuditLog audit,
            PaperDigestDbContext db) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Text("The form had expired or did not come from this site; go back, reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
            audit.Add(context.User.Identity?.Name ?? "unknown", "admin.sign-out", "session");
            await db.SaveChangesAsync(context.RequestAborted);
            await signIn.SignOutAsync();
            return Results.Redirect(SignInPath);
        }).RequireAuthorization();

        app.MapGet("/admin/subscribers.csv", async (HttpContext context, SubscriberAdministration subscribers) =>
        {
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = "attachment; filename=\"paperdigest-subscribers.csv\"";
            context.Response.Headers.CacheControl = "no-store";
            await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            await subscribers.ExportCsvAsync(writer, context.RequestAborted);
        }).RequireAuthorization();
        return app;
    }
}
