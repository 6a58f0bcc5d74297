using System.Globalization;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Wording;

namespace PaperDigest.Web.CommandLine;

/// <summary>
/// <c>import [--date D] PATH…</c>: imports saved Hugging Face and arXiv responses, one line per file; exits 1 if any
/// file failed. <c>--date</c> is the listing day for files whose content and name carry none.
/// </summary>
internal sealed class ImportVerb(IReadOnlyList<string> paths, DateOnly? date) : DatabaseVerb
{
    public static ImportVerb Parse(string[] arguments)
    {
        DateOnly? date = null;
        var paths = new List<string>();
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] != "--date")
            {
                paths.Add(arguments[i]);
                continue;
            }
            if (i + 1 >= arguments.Length
                || !DateOnly.TryParseExact(arguments[++i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                throw new VerbUsageException("--date needs a day written YYYY-MM-DD. " + Verbs.Usage);
            date = parsed;
        }
        if (paths.Count == 0)
            throw new VerbUsageException("import needs at least one file or folder of saved Hugging Face or arXiv responses. " + Verbs.Usage);
        return new ImportVerb(paths, date);
    }

    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        // Importing into a database without the schema would fail on every file, so the schema comes first.
        await database.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var results = await scope.ServiceProvider.GetRequiredService<SavedFileImporter>().ImportAsync(paths, date, cancellationToken);
        foreach (var result in results)
            await output.WriteLineAsync(Describe(result));

        var failed = results.Count(r => !r.Succeeded);
        await output.WriteLineAsync(failed == 0
            ? $"Imported {Plural.Of(results.Count, "file")}."
            : $"{failed} of {Plural.Of(results.Count, "file")} could not be imported; fix or remove them and run the import again.");
        return failed == 0 ? 0 : 1;
    }

    private static string Describe(FileImportResult result) =>
        result.Run is { } run && result.Problem is null ? $"{result.Path}: {IngestVerb.Describe(run)}" : $"{result.Path}: skipped, {result.Problem}";
}
