using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using Xunit;

namespace PaperDigest.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster per test assembly, started by the app's own launcher. A migrated template
/// database makes each fresh test database a cheap file copy instead of a migration run.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string TemplateDatabase = "paperdigest_template";

    private readonly string root = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SemaphoreSlim creating = new(1, 1);
    private LocalPostgresCluster? cluster;

    private LocalPostgresCluster Cluster => cluster ?? throw new InvalidOperationException("The test PostgreSQL server has not started.");

    public async ValueTask InitializeAsync()
    {
        cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresSettings(Path.Combine(root, "data"), Disposable: true), NullLogger.Instance, CancellationToken.None);
        await cluster.EnsureDatabaseAsync(TemplateDatabase, CancellationToken.None);
        await using (var db = new PaperDigestDbContext(PaperDigestDbContextOptions.Create(cluster.ConnectionString(TemplateDatabase))))
            await db.Database.MigrateAsync();
        // CREATE DATABASE … TEMPLATE refuses a template that has open connections, pooled ones included.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new, empty database, migrated unless <paramref name="migrated"/> is false; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await creating.WaitAsync();
        try
        {
            await using var connection = new NpgsqlConnection(Cluster.ConnectionString("postgres"));
            await connection.OpenAsync();
            // The name is generated above from hex digits only, so it is safe to splice into the statement.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {(migrated ? TemplateDatabase : "template0")}", connection);
            await create.ExecuteNonQueryAsync();
        }
        finally
        {
            creating.Release();
        }
        // Npgsql keeps idle connections for five minutes in a pool per connection string, and every test database
        // has its own string, so a whole run's pools would stay open together and exhaust the server's
        // max_connections (100) under CI load; closing idle ones after seconds keeps only the running tests' open.
        return new NpgsqlConnectionStringBuilder(Cluster.ConnectionString(name))
        {
            ConnectionIdleLifetime = 5,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
            await cluster.StopAsync();
        creating.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover folder under /tmp is harmless; failing the run over it would not be.
        }
    }
}
