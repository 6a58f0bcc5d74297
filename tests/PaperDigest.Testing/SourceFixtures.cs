using System.Text.Json;

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

    /// <summary>The inner <c>paper</c> objects of a saved API response, read as plain JSON, independently of the app's parser.</summary>
    public static IReadOnlyList<JsonElement> HuggingFaceApiPapers(string day)
    {
        using var json = JsonDocument.Parse(ReadText($"huggingface/api/{day}.json"));
        return json.RootElement.EnumerateArray().Select(entry => entry.GetProperty("paper").Clone()).ToList();
    }

    /// <summary>The body of a recorded arXiv API exchange (<c>{url, status_code, body}</c>), with its status code.</summary>
    public static (int StatusCode, string Body) RecordedExchange(string relativePath)
    {
        using var json = JsonDocument.Parse(ReadText(relativePath));
        return (json.RootElement.GetProperty("status_code").GetInt32(), json.RootElement.GetProperty("body").GetString()!);
    }

    /// <summary>All 63 saved API days (2024-05-27 to 2026-08-21), unpacked into a new folder the caller deletes.</summary>
    public static DirectoryInfo ExtractAllHuggingFaceApiDays()
    {
        var folder = Directory.CreateTempSubdirectory("paperdigest-api-days-");
        using var archive = File.OpenRead(PathOf("huggingface/api-all-days.tar.gz"));
        using var gzip = new System.IO.Compression.GZipStream(archive, System.IO.Compression.CompressionMode.Decompress);
        System.Formats.Tar.TarFile.ExtractToDirectory(gzip, folder.FullName, overwriteFiles: false);
        return folder;
    }
}
