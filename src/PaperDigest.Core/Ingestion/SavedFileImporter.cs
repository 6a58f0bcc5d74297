namespace PaperDigest.Core.Ingestion;

/// <summary>
/// Imports saved source responses from files or folders: Hugging Face API JSON or pages, arXiv listing pages and
/// arXiv Atom feeds, recognised by content. Each file is its own run and transaction.
/// </summary>
public sealed class SavedFileImporter(ListingIngestionService ingestion)
{
    // A saved day of listings is well under a megabyte; anything this large is not one and is refused unread.
    internal const long MaxFileBytes = 64L * 1024 * 1024;

    private static readonly string[] SavedExtensions = [".json", ".html", ".htm", ".xml", ".atom"];

    /// <param name="paths">Files, or folders whose saved responses are imported in name order.</param>
    /// <param name="date">The listing day for files whose content and name carry none.</param>
    public async Task<IReadOnlyList<FileImportResult>> ImportAsync(IEnumerable<string> paths, DateOnly? date, CancellationToken cancellationToken)
    {
        var results = new List<FileImportResult>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(file => SavedExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                    results.Add(await ImportFileAsync(file, date, cancellationToken));
            }
            else if (File.Exists(path))
            {
                results.Add(await ImportFileAsync(path, date, cancellationToken));
            }
            else
            {
                results.Add(new FileImportResult(path, null, "no such file or folder"));
            }
        }
        return results;
    }

    private async Task<FileImportResult> ImportFileAsync(string path, DateOnly? date, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > MaxFileBytes)
                return new FileImportResult(path, null, $"larger than {MaxFileBytes / (1024 * 1024)} MiB, so not a saved listing");
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new FileImportResult(path, null, $"could not be read ({exception.Message})");
        }

        var format = SavedFileFormats.Detect(text);
        if (format == SavedFileFormat.Unknown)
            return new FileImportResult(path, null, "not a saved Hugging Face or arXiv response");

        // The content's own day wins; the parsers fall back to the file name's date, then to --date.
        var fallbackDay = ListingDay.FromFileName(path) ?? date;
        var run = await ingestion.IngestAsync(SavedFileFormats.SourceOf(format), Path.GetFullPath(path),
            _ => Task.FromResult(SavedFileFormats.Parse(format, text, fallbackDay)),
            cancellationToken);
        return new FileImportResult(path, run, run.Status == IngestionRunStatus.Failed ? run.Error : null);
    }
}

/// <summary>The outcome of importing one path: its run when one was made, and the problem when it failed.</summary>
public sealed record FileImportResult(string Path, IngestionRun? Run, string? Problem)
{
    public bool Succeeded => Problem is null;
}
