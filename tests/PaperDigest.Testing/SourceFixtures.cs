namespace PaperDigest.Testing;

/// <summary>Reads the real source responses copied from shared/fixtures into tests/Fixtures.</summary>
public static class SourceFixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"Fixture {relativePath} is missing; copy it from shared/fixtures into tests/Fixtures.", path);
    }

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    /// <summary>A saved <c>/api/daily_papers</c> response for one day, such as <c>2024-05-27</c>.</summary>
    public static string HuggingFaceApiPath(string day) => PathOf($"huggingface/api/{day}.json");
}
