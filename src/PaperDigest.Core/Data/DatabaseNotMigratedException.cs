namespace PaperDigest.Core.Data;

/// <summary>
/// A configured database is missing migrations outside Development, where the app never changes the schema by itself
/// (instances starting together must not race to migrate); the message is one sentence for the operator.
/// </summary>
public sealed class DatabaseNotMigratedException : Exception
{
    public DatabaseNotMigratedException(string message) : base(message) { }

    public DatabaseNotMigratedException(string message, Exception innerException) : base(message, innerException) { }

    public DatabaseNotMigratedException() { }

    public static DatabaseNotMigratedException Pending(IReadOnlyCollection<string> migrations) => new(
        $"The database lacks {migrations.Count} of PaperDigest's migrations (the last is {migrations.Last()}); run the migrate verb " +
        "(dotnet PaperDigest.Web.dll migrate, or the compose file's migrate service) and start the app again.");
}
