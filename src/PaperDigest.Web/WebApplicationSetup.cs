using PaperDigest.Core;
using PaperDigest.Core.Papers;
using PaperDigest.Web.Api;
using PaperDigest.Web.Components;
using PaperDigest.Web.Jobs;
using PaperDigest.Web.Logging;
using Serilog;

namespace PaperDigest.Web;

/// <summary>Service registration and the request pipeline, kept out of Program.cs so it stays a page long.</summary>
internal static class WebApplicationSetup
{
    public static WebApplicationBuilder AddPaperDigestWeb(this WebApplicationBuilder builder)
    {
        builder.AddPaperDigestLogging();
        builder.AddPaperDigestCore();
        builder.AddPaperDigestJobs();
        builder.Services.AddScoped<PaperListings>();
        builder.Services.AddScoped<PaperSearch>();
        builder.Services.AddScoped<TrendingPapers>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication UsePaperDigestWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        // The host's Serilog logger, not the static bootstrap one, so request events reach the log file too.
        app.UseSerilogRequestLogging(options => options.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapFeeds();
        app.MapPaperApi();
        app.MapOpenApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
