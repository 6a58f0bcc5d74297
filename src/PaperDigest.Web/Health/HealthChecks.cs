using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PaperDigest.Core;
using PaperDigest.Core.Data;
using PaperDigest.Core.Digests;
using Quartz;

namespace PaperDigest.Web.Health;

/// <summary>Settings under <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long after the last successful ingest the app reports itself degraded (listings go stale).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan MaxIngestAge { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// <c>/health</c>: the database (unhealthy, 503, when it does not answer), the scheduler, and how long since a source
/// last ingested successfully (degraded when too long). The answer names each check and says nothing secret.
/// </summary>
internal static class HealthEndpoint
{
    public static WebApplicationBuilder AddPaperDigestHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HealthOptions>(HealthOptions.Section);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<SchedulerCheck>("scheduler")
            .AddCheck<IngestionFreshnessCheck>("ingestion", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<DigestLinksCheck>("digest-links")
            .AddCheck<PageCacheCheck>("page-cache");
        return builder;
    }

    public static IEndpointRouteBuilder MapPaperDigestHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = (context, report) =>
            {
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                return context.Response.WriteAsync(JsonSerializer.Serialize(new
                {
                    status = report.Status.ToString(),
                    checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description }),
                }));
            },
        });
        return app;
    }

    // Npgsql reports a server that cannot be reached as a DbException, a timeout, or (pool exhausted) an invalid operation.
    private static bool DatabaseIsDown(Exception exception) =>
        DatabaseFailure.Find(exception) is not null || exception is InvalidOperationException or TimeoutException;

    private sealed class DatabaseCheck(IDbContextFactory<PaperDigestDbContext> contexts) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                return await db.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy("The database answers.")
                    : HealthCheckResult.Unhealthy("The database does not answer.");
            }
            catch (Exception exception) when (DatabaseIsDown(exception))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
        }
    }

    private sealed class SchedulerCheck(ISchedulerFactory schedulers) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = await (await schedulers.GetScheduler(cancellationToken)).GetStatus(cancellationToken);
            return status switch
            {
                SchedulerStatus.Running => HealthCheckResult.Healthy("The scheduler is running."),
                // The hosted service starts the scheduler only once the app has started, so the first requests can
                // come before it: pages are served meanwhile, only jobs wait. Not a reason to take the instance out.
                SchedulerStatus.Created => HealthCheckResult.Degraded("The scheduler is starting; jobs fire once it has started."),
                _ => HealthCheckResult.Unhealthy($"The scheduler is {status.ToString().ToLowerInvariant()}, so no job will fire."),
            };
        }
    }

    private sealed class DigestLinksCheck(DigestLinks links) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(links.Problem is { } problem
                ? HealthCheckResult.Degraded(problem)
                : HealthCheckResult.Healthy("Digest links point at the site's public address."));
    }

    private sealed class PageCacheCheck(Caching.PageCacheListener listener) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(listener.Listening
                ? HealthCheckResult.Healthy("Cached pages are evicted when any process changes papers.")
                : HealthCheckResult.Degraded($"This instance does not hear of changes made by other processes; it caches pages for {Caching.PageCacheListener.DeafLifetime.TotalSeconds:0} s until it does."));
    }

    private sealed class IngestionFreshnessCheck(IDbContextFactory<PaperDigestDbContext> contexts, Microsoft.Extensions.Options.IOptions<HealthOptions> options,
        TimeProvider clock) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var last = await db.SourceHealth.MaxAsync(h => h.LastSuccessAt, cancellationToken);
                if (last is null)
                    return HealthCheckResult.Degraded("No source has ingested successfully yet.");
                var age = clock.GetUtcNow() - last.Value;
                return age <= options.Value.MaxIngestAge
                    ? HealthCheckResult.Healthy($"The last successful ingest was {age.TotalMinutes:F0} minutes ago.")
                    : HealthCheckResult.Degraded($"The last successful ingest was {age.TotalHours:F0} hours ago; see /admin/sources.");
            }
            catch (Exception exception) when (DatabaseIsDown(exception))
            {
                return HealthCheckResult.Unhealthy("The ingestion record cannot be read: the database does not answer.");
            }
        }
    }
}
