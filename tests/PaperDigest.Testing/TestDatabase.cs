using Npgsql;
using PaperDigest.Core.Data;
using Xunit;

namespace PaperDigest.Testing;

/// <summary>A fresh migrated database for one test class; <see cref="ResetAsync"/> empties it between tests.</summary>
public sealed class TestDatabase(PostgresServer server) : IAsyncLifetime
{
    private string? connectionString;

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The test database has not been created.");

    public async ValueTask InitializeAsync() => connectionString = await server.CreateDatabaseAsync();

    public PaperDigestDbContext CreateContext() => new(PaperDigestDbContextOptions.Create(ConnectionString));

    /// <summary>Truncates every application table, keeping the schema, the migration history and the built-in tag rules.</summary>
    /// <param name="underRunningApp">
    /// Keep what a running app holds itself: Quartz's tables (its cluster state and schedules) and the Data Protection
    /// keys (its cookies and antiforgery tokens).
    /// </param>
    public async Task ResetAsync(bool underRunningApp = false)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var kept = underRunningApp ? " AND tablename NOT LIKE 'qrtz%' AND tablename <> 'data_protection_keys'" : "";
        await using var list = new NpgsqlCommand(
            "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'" + kept,
            connection);
        var tables = (string)(await list.ExecuteScalarAsync())!;
        // The built-in auto-tag rules are data the migration seeds; a reset database gets them back.
        await using var truncate = new NpgsqlCommand($"TRUNCATE {tables} RESTART IDENTITY CASCADE; {Core.Tags.BuiltInTagRules.SeedSql}", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
