namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>Locates the PostgreSQL server programs (initdb, pg_ctl, postgres) installed on this machine.</summary>
internal static class PostgresBinaries
{
    private static readonly string[] Required = ["initdb", "pg_ctl", "postgres"];

    /// <summary>The folder holding all three programs, preferring PATH, then the newest Debian-style install.</summary>
    public static string? FindDirectory() =>
        FindDirectory((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries), "/usr/lib/postgresql");

    internal static string? FindDirectory(IEnumerable<string> pathFolders, string debianRoot)
    {
        foreach (var folder in pathFolders)
        {
            if (HasAll(folder))
                return ResolveLinks(folder);
        }

        // Debian keeps the server binaries off PATH, one folder per major version.
        if (!Directory.Exists(debianRoot))
            return null;
        return Directory.GetDirectories(debianRoot)
            .Select(versionFolder => (Version: int.TryParse(Path.GetFileName(versionFolder), out var v) ? v : 0, Bin: Path.Combine(versionFolder, "bin")))
            .Where(candidate => HasAll(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    private static bool HasAll(string folder) => Required.All(name => File.Exists(Path.Combine(folder, name)));

    // initdb finds postgres beside its own real path, so a folder of symlinks must be resolved to the real one.
    private static string ResolveLinks(string folder)
    {
        var initdb = new FileInfo(Path.Combine(folder, "initdb"));
        var target = initdb.ResolveLinkTarget(returnFinalTarget: true);
        return target is null ? folder : Path.GetDirectoryName(target.FullName) ?? folder;
    }
}
