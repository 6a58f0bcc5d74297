namespace PaperDigest.Web.CommandLine;

/// <summary>Recognises the command-line verbs; no verb (or only options such as --urls) means "run the web app".</summary>
internal static class Verbs
{
    public const string Usage = "Usage: PaperDigest.Web [migrate | import [--date YYYY-MM-DD] PATH… | ingest --source hf|arxiv (--date D | --from D1 --to D2) | embed | digest send daily|weekly [--dry-run] | admin create --email E [--password P]]";

    public static Verb? Parse(string[] args) => args switch
    {
        [] => null,
        [var first, ..] when first.StartsWith('-') => null,
        ["migrate"] => new MigrateVerb(),
        ["import", .. var rest] => ImportVerb.Parse(rest),
        ["ingest", .. var rest] => IngestVerb.Parse(rest),
        ["embed"] => new EmbedVerb(),
        ["digest", .. var rest] => DigestVerb.Parse(rest),
        ["admin", .. var rest] => AdminVerb.Parse(rest),
        [var unknown, ..] => throw new VerbUsageException($"'{unknown}' is not a PaperDigest command. {Usage}"),
    };
}

/// <summary>The command line names no known verb, or misuses one; the message says how to call it.</summary>
internal sealed class VerbUsageException(string message) : Exception(message);
