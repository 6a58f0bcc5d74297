using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Web.CommandLine;

/// <summary><c>import PATH…</c>: imports saved Hugging Face API responses, one line per file; exits 1 if any file failed.</summary>
internal sealed class ImportVerb(IReadOnlyList<string> paths) : DatabaseVerb
{
    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        // Importing into a database without the schema would fail on every file, so the schema comes first.
        await database.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<SavedFileImporter>().ImportAsync(paths, cancellationToken);
        foreach (var result in results)
            await output.WriteLineAsync(Describe(result));

        var failed = results.Count(r => !r.Succeeded);
        await output.WriteLineAsync(failed == 0
            ? $"Imported {results.Count} file(s)."
            : $"{failed} of {results.Count} file(s) could not be imported; fix or remove them and run the import again.");
        return failed == 0 ? 0 : 1;
    }

    private static string Describe(FileImportResult result) => result.Run switch
    {
        _ when result.Problem is not null => $"{result.Path}: skipped, {result.Problem}",
        { } run => $"{result.Path}: {run.Status.ToString().ToLowerInvariant()}, {run.NewCount} new, {run.UpdatedCount} updated, {run.UnchangedCount} unchanged, {run.RejectedCount} rejected",
        null => $"{result.Path}: skipped",
    };
}
