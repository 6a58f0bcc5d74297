using Microsoft.AspNetCore.HttpOverrides;
using PaperDigest.Core;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Arxiv;
using PaperDigest.Core.Tags;
using PaperDigest.Web.Admin;
using PaperDigest.Web.Api;
using PaperDigest.Web.Caching;
using PaperDigest.Web.Compression;
using PaperDigest.Web.Components;
using PaperDigest.Web.Health;
using PaperDigest.Web.Jobs;
using PaperDigest.Web.Logging;
using PaperDigest.Web.Security;
using PaperDigest.Web.Subscriptions;
using Serilog;

namespace PaperDigest.Web;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so it stays a page long.</summary>
internal static class WebApplicationSetup
{
    public const int MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddPaperDigestWeb(this WebApplicationBuilder builder)
    {
        // Build output (dotnet run, the tests' hosts) serves static assets and their compressed copies through the build's
        // manifest, which ASP.NET Core reads only in Development by default: in Production the .gz copies were answered
        // empty. Published output has no such manifest, so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.AddPaperDigestLogging();
        builder.AddPaperDigestCore();
        builder.AddPaperDigestJobs();
        builder.AddPaperDigestAdmin();
        builder.AddPaperDigestHealth();
        builder.Services.AddScoped<PaperListings>();
        builder.Services.AddScoped<ArxivListings>();
        builder.Services.AddScoped<PaperSearch>();
        builder.Services.AddScoped<TagListings>();
        builder.Services.AddRazorComponents();
        builder.Services.AddApiProblems();
        builder.Services.AddOutputCache(cache =>
            cache.AddPolicy(PublicPageCache.Policy, policy => policy.Expire(TimeSpan.FromMinutes(10)).Tag(PageTags.Everything)
                .AddPolicy<ShortWhileDeafPolicy>()
                .AddPolicy<ListsUnlessNarrowPolicy>()
                // Responses are stored compressed, one entry per encoding asked for.
                .SetVaryByHeader("Accept-Encoding")
                // A subscriber's own pages show their data and change with every button they press; admin pages are private.
                .With(context => !PrivatePages.Contain(context.HttpContext.Request.Path))));
        builder.Services.AddSingleton<PageCacheListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PageCacheListener>());
        builder.Services.AddHostedService(services => services.GetRequiredService<Core.Meaning.PaperVectorLoader>());
        builder.Services.AddHostedService<Core.Meaning.EmbeddingWorker>();
        builder.Services.AddPublicResponseCompression();
        builder.AddPaperDigestRateLimits();
        builder.AddPaperDigestForwardedHeaders();
        // Nothing a person sends here is large: the biggest form is an admin editing an abstract (50,000 characters).
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form =>
        {
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
            form.ValueLengthLimit = MaxRequestBodyBytes;
            form.ValueCountLimit = 2_000;
        });
        builder.Services.AddApiDocument();
        return builder;
    }

    public static WebApplication UsePaperDigestWeb(this WebApplication app)
    {
        // Behind a reverse proxy that terminates TLS, the request's scheme and client address are the proxy's headers
        // (loopback proxies and the Proxy:TrustedNetworks are believed), so Secure cookies and rate limits work.
        app.UseForwardedHeaders();
        app.UseHeadAsGet();
        // Explicitly here, after HEAD became GET: left implicit, routing would run first and match HEAD to nothing.
        app.UseRouting();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // Outside the outage page, so a database outage stays a 503 with its own sentence under /api too.
        app.UseApiProblems();
        app.UseDatabaseOutagePage();
        // The host's Serilog logger, not the static bootstrap one, so request events reach the log file too.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseRateLimiter();
        // Before the output cache, so nothing cached can be served to someone the admin pages would refuse.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();
        app.UsePublicResponseCompression();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapFeeds().CacheOutput(PublicPageCache.Policy);
        app.MapPaperApi().CacheOutput(PublicPageCache.Policy);
        app.MapThumbnails().CacheOutput(PublicPageCache.Policy);
        app.MapOpenApi(ApiDocument.Path);
        app.MapSubscriptions();
        app.MapAdminEndpoints();
        app.MapPaperDigestHealth();
        // Anonymous pages are cached like the feeds; ingestion and curation evict them. Interactive server rendering is
        // deliberately not registered: it makes Blazor set an antiforgery cookie on every page, and the output cache
        // (rightly) never stores a response that sets a cookie. Pages needing interactivity must not break this.
        app.MapRazorComponents<App>().CacheOutput(PublicPageCache.Policy);
        if (app.Services.GetRequiredService<Core.Digests.DigestLinks>().Problem is { } digestProblem)
            app.Logger.LogError("{Problem}", digestProblem);
        return app;
    }
}
