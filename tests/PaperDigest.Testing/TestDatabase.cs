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
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var list = new NpgsqlCommand(
            "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__ef_migrations_history'",
            connection);
        var tables = (string)(await list.ExecuteScalarAsync())!;
        // The built-in auto-tag rules are data the migration seeds; a reset database gets them back.
        await using var truncate = new NpgsqlCommand($"TRUNCATE {tables} RESTART IDENTITY CASCADE; {Core.Tags.BuiltInTagRules.SeedSql}", connection);
        await truncate.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
