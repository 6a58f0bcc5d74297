namespace PaperDigest.Core.Data;

/// <summary>
/// The Quartz.NET job store's tables, from the script shipped inside the Quartz assembly, so they always match the
/// Quartz version in use. They are created by a migration, never at start-up: two nodes provisioning an empty
/// database together once fired each job on both.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    private const string ScriptResource = "Quartz.Impl.AdoJobStore.Schema.create_postgres.sql";

    public static IReadOnlyList<string> CreateStatements()
    {
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The Quartz assembly no longer ships {ScriptResource}; the migration needs another source for its schema.");
        using var reader = new StreamReader(stream);
        // {0} is the table prefix and {1} the same prefix without a schema qualifier; statements are split on "--;;".
        var script = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal)
            .Replace("{0}", TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", TablePrefix, StringComparison.Ordinal);
        return script.Split("\n--;;", StringSplitOptions.TrimEntries)
            .Where(statement => statement.Split('\n').Any(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .ToList();
    }
}
