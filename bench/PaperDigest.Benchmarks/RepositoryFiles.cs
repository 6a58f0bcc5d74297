namespace PaperDigest.Benchmarks;

/// <summary>Finds the repository's own files (fixtures, the shared sample) from wherever the benchmark runs.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string relativePath) => Path.Combine(Root, "tests", "Fixtures", relativePath);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PaperDigest.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("Run the benchmarks from inside the repository: PaperDigest.sln was not found above " + AppContext.BaseDirectory);
    }
}
