using PaperDigest.Core.Data;

namespace PaperDigest.Web.CommandLine;

/// <summary><c>migrate</c>: applies pending migrations and exits, for deployments that migrate before starting the app.</summary>
internal sealed class MigrateVerb : DatabaseVerb
{
    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await output.WriteLineAsync("The database schema is up to date.");
        return 0;
    }
}
