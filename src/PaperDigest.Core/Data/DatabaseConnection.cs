namespace PaperDigest.Core.Data;

/// <summary>
/// The connection string in use. It is known only once start-up has chosen between the configured server and the
/// embedded cluster, so the DbContext reads it here rather than from configuration.
/// </summary>
public sealed class DatabaseConnection
{
    private string? connectionString;

    public string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The database is not ready: start-up has not chosen a server yet.");

    public bool UsesEmbeddedServer { get; private set; }

    public bool IsChosen => connectionString is not null;

    internal void Use(string value, bool embedded)
    {
        connectionString = value;
        UsesEmbeddedServer = embedded;
    }
}
