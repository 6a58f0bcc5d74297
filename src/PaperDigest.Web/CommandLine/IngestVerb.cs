using System.Globalization;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Wording;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.CommandLine;

/// <summary>
/// <c>ingest --source hf|arxiv (--date D | --from D1 --to D2)</c>: fetches a day or a range from a source now, one
/// progress line per run; exits 1 if any run failed. An explicit request ignores the source's back-off.
/// </summary>
internal sealed class IngestVerb(string source, DateOnly firstDay, DateOnly lastDay) : DatabaseVerb
{
    private const string Usage = "ingest --source hf|arxiv (--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD)";

    public static IngestVerb Parse(string[] arguments)
    {
        string? source = null;
        DateOnly? date = null, from = null, to = null;
        for (var i = 0; i < arguments.Length; i += 2)
        {
            var value = i + 1 < arguments.Length ? arguments[i + 1] : throw new VerbUsageException($"{arguments[i]} needs a value. Usage: {Usage}");
            switch (arguments[i])
            {
                case "--source":
                    source = value switch
                    {
                        "hf" or ListingSources.HuggingFace => ListingSources.HuggingFace,
                        ListingSources.Arxiv => ListingSources.Arxiv,
                        _ => throw new VerbUsageException($"'{value}' is not a source; use hf or arxiv. Usage: {Usage}"),
                    };
                    break;
                case "--date": date = Day(value); break;
                case "--from": from = Day(value); break;
                case "--to": to = Day(value); break;
                default: throw new VerbUsageException($"'{arguments[i]}' is not an ingest option. Usage: {Usage}");
            }
        }

        if (source is null)
            throw new VerbUsageException($"ingest needs --source. Usage: {Usage}");
        if (date is { } day && from is null && to is null)
            return new IngestVerb(source, day, day);
        if (date is null && from is { } first && to is { } last && first <= last)
            return new IngestVerb(source, first, last);
        throw new VerbUsageException($"ingest needs either --date, or --from and --to in order. Usage: {Usage}");
    }

    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var ingestion = scope.ServiceProvider.GetRequiredService<SourceIngestion>();
        var done = 0;
        var runs = await ingestion.RunAsync(source, firstDay, lastDay, honourBackoff: false,
            (run, _) => output.WriteLineAsync($"[{++done}] {run.Origin}: {Describe(run)}"), cancellationToken);

        var failed = runs.Count(r => r.Status == IngestionRunStatus.Failed);
        await output.WriteLineAsync(failed == 0
            ? $"Ingested {source} for {firstDay:yyyy-MM-dd}..{lastDay:yyyy-MM-dd}: {runs.Sum(r => r.NewCount)} new, {runs.Sum(r => r.UpdatedCount)} updated papers in {Plural.Of(runs.Count, "run")}."
            : $"{failed} of {Plural.Of(runs.Count, "run")} failed; the errors are above and in ingestion_runs, and the source will be retried.");
        return failed == 0 ? 0 : 1;
    }

    internal static string Describe(IngestionRun run) => run.Status == IngestionRunStatus.Failed
        ? $"failed, {run.Error}"
        : $"{run.Status.ToString().ToLowerInvariant()}, {run.NewCount} new, {run.UpdatedCount} updated, {run.UnchangedCount} unchanged, {run.RejectedCount} rejected";

    private static DateOnly Day(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new VerbUsageException($"'{value}' is not a day written YYYY-MM-DD. Usage: {Usage}");
}
