using PaperDigest.Core.Data;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Web.CommandLine;

/// <summary>
/// <c>digest send daily|weekly [--dry-run]</c>: sends (or resumes) the current edition now and prints its counts;
/// with --dry-run, counts what would be sent without sending or recording anything. Exits 1 if sending had to stop.
/// </summary>
internal sealed class DigestVerb(DigestFrequency frequency, bool dryRun) : DatabaseVerb
{
    private const string Usage = "digest send daily|weekly [--dry-run]";

    public static DigestVerb Parse(string[] arguments) => arguments switch
    {
        ["send", var frequency, .. var rest] when rest is [] or ["--dry-run"] => new DigestVerb(Frequency(frequency), rest.Length == 1),
        _ => throw new VerbUsageException($"Usage: {Usage}"),
    };

    private static DigestFrequency Frequency(string value) => value switch
    {
        "daily" => DigestFrequency.Daily,
        "weekly" => DigestFrequency.Weekly,
        _ => throw new VerbUsageException($"'{value}' is not a digest; use daily or weekly. Usage: {Usage}"),
    };

    protected override async Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken)
    {
        if (!dryRun && services.GetRequiredService<DigestLinks>().Problem is { } problem)
        {
            await output.WriteLineAsync(problem);
            return 1;
        }
        await database.MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(frequency, dryRun, cancellationToken);
        await output.WriteLineAsync(run.Describe(dryRun));
        return run.Error is null ? 0 : 1;
    }
}
