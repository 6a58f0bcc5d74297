using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Core.Data;

/// <summary>
/// Readies the database before anything else starts: the configured server, or else the embedded cluster;
/// then migrations (in Development or on the embedded cluster) and the sample listings for an empty database.
/// </summary>
public sealed class DatabaseStartup(
    IConfiguration configuration,
    DatabaseConnection connection,
    IOptions<DatabaseOptions> options,
    IHostEnvironment environment,
    IServiceScopeFactory scopes,
    ILogger<DatabaseStartup> logger) : IHostedLifecycleService, IAsyncDisposable
{
    private LocalPostgresCluster? cluster;
    private bool serverChosen;
    private bool prepared;

    /// <summary>Chooses the server, starting the embedded cluster when none is configured; safe to call twice.</summary>
    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        if (serverChosen)
            return;
        var configured = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // One plain connection first: an unreachable or misconfigured server then fails here with the driver's
            // own reason, instead of inside EF Core, which logs a stack trace before the caller can explain it.
            await using (var probe = new NpgsqlConnection(configured))
                await probe.OpenAsync(cancellationToken);
            connection.Use(configured);
            serverChosen = true;
            return;
        }

        var settings = options.Value;
        cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresSettings(settings.DataDirectory ?? DatabaseOptions.DefaultDataDirectory()), logger, cancellationToken);
        await cluster.EnsureDatabaseAsync(settings.DatabaseName, cancellationToken);
        connection.Use(cluster.ConnectionString(settings.DatabaseName));
        serverChosen = true;
    }

    public static readonly TimeSpan MigrationTimeout = TimeSpan.FromHours(1);

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaperDigestDbContext>();
        // On a new database EF Core reads the history table before creating it and logs that failure as an error;
        // creating it first keeps a first start's log free of a false alarm.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        // A migration that adds a computed column or an index rewrites every paper: minutes on a large database,
        // where the default 30-second command timeout would abort the start.
        db.Database.SetCommandTimeout(MigrationTimeout);
        await db.Database.MigrateAsync(cancellationToken);
    }

    // Serving on an old schema fails page by page with errors that hide the cause; this names it at start.
    private async Task RequireMigratedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pending = (await scope.ServiceProvider.GetRequiredService<PaperDigestDbContext>().Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw DatabaseNotMigratedException.Pending(pending);
    }

    public async Task StopServerAsync()
    {
        if (cluster is not null)
            await cluster.StopAsync();
        cluster = null;
    }

    /// <summary>Everything the web app needs before serving: the server, migrations and the sample; safe to call twice.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (prepared)
            return;
        await StartServerAsync(cancellationToken);
        if (environment.IsDevelopment() || cluster is not null)
            await MigrateAsync(cancellationToken);
        else
            await RequireMigratedAsync(cancellationToken);
        if (options.Value.ImportSampleWhenEmpty)
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SampleListingImporter>().ImportIfEmptyAsync(cancellationToken);
        }
        prepared = true;
    }

    Task IHostedLifecycleService.StartingAsync(CancellationToken cancellationToken) => PrepareAsync(cancellationToken);

    Task IHostedLifecycleService.StoppedAsync(CancellationToken cancellationToken) => StopServerAsync();

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    Task IHostedLifecycleService.StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync() => await StopServerAsync();
}
