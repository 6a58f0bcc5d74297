using Npgsql;

namespace PaperDigest.Core.Data;

/// <summary>
/// The connection string of the server start-up chose (the configured one, or the embedded cluster's), for everything
/// that connects: the DbContext and Quartz's job store. Owned here rather than written back into configuration.
/// </summary>
public sealed class DatabaseConnection
{
    private string? connectionString;

    public DatabaseConnection()
    {
    }

    /// <summary>A server chosen already, for tools and tests that build the services without start-up.</summary>
    public DatabaseConnection(string connectionString) => this.connectionString = connectionString;

    public string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The database is not ready: start-up has not chosen a server yet.");

    internal void Use(string chosen) => connectionString = WithPreparedStatements(chosen);

    // The pages run the same few dozen statements all day. Prepared once per pooled connection, PostgreSQL no longer
    // parses and plans each one per request, which was a third of its CPU under uncached load. An operator's own
    // setting is kept.
    private static string WithPreparedStatements(string chosen)
    {
        var settings = new NpgsqlConnectionStringBuilder(chosen);
        if (settings.MaxAutoPrepare == 0)
            settings.MaxAutoPrepare = 100;
        return settings.ConnectionString;
    }
}
