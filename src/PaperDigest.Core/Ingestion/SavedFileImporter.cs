using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion;

/// <summary>Imports saved source responses from files or folders; each file is its own run and transaction.</summary>
public sealed class SavedFileImporter(ListingIngestionService ingestion)
{
    // A saved day of listings is well under a megabyte; anything this large is not one and is refused unread.
    internal const long MaxFileBytes = 64L * 1024 * 1024;

    public async Task<IReadOnlyList<FileImportResult>> ImportAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var results = new List<FileImportResult>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    results.Add(await ImportFileAsync(file, cancellationToken));
            }
            else if (File.Exists(path))
            {
                results.Add(await ImportFileAsync(path, cancellationToken));
            }
            else
            {
                results.Add(new FileImportResult(path, null, "no such file or folder"));
            }
        }
        return results;
    }

    private async Task<FileImportResult> ImportFileAsync(string path, CancellationToken cancellationToken)
    {
        if (new FileInfo(path).Length > MaxFileBytes)
            return new FileImportResult(path, null, $"larger than {MaxFileBytes / (1024 * 1024)} MiB, so not a saved listing");

        var day = ListingDay.FromFileName(path);
        var run = await ingestion.IngestAsync(ListingSources.HuggingFace, Path.GetFullPath(path),
            async token => HuggingFaceApiParser.Parse(await File.ReadAllTextAsync(path, token), day),
            cancellationToken);
        return new FileImportResult(path, run, run.Status == IngestionRunStatus.Failed ? run.Error : null);
    }
}

/// <summary>The outcome of importing one path: its run when one was made, and the problem when it failed.</summary>
public sealed record FileImportResult(string Path, IngestionRun? Run, string? Problem)
{
    public bool Succeeded => Problem is null;
}
