namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>The embedded PostgreSQL cluster could not be set up; the message is one sentence for the user.</summary>
public sealed class LocalPostgresException : Exception
{
    public LocalPostgresException(string message) : base(message) { }

    public LocalPostgresException(string message, Exception innerException) : base(message, innerException) { }

    public LocalPostgresException() { }
}
