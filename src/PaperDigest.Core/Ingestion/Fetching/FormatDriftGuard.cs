using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>
/// Parses a fetched page and treats any sign of a changed format (a parse error, or entries without an id, title or
/// day) as a failed run, keeping the page on disk for diagnosis; so is an HTML page that takes longer than
/// <see cref="IngestionOptions.MaxParseTime"/> to build (JSON and XML parse in time linear in the capped body).
/// Earlier data is untouched because nothing is written.
/// </summary>
public sealed class FormatDriftGuard(IOptions<IngestionOptions> options, TimeProvider clock, ILogger<FormatDriftGuard> logger)
{
    /// <param name="parse">Given the body and a token that fires when <see cref="IngestionOptions.MaxParseTime"/> is up.</param>
    public ParseResult Parse(FetchedPage page, string source, Func<string, CancellationToken, ParseResult> parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(parse);
        var budget = options.Value.MaxParseTime;
        using var parseTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        parseTime.CancelAfter(budget);
        ParseResult result;
        try
        {
            result = parse(page.Body, parseTime.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Drift(page, source, $"parsing it took longer than {budget.TotalSeconds:0.###} s", null);
        }
        catch (FormatException exception)
        {
            throw Drift(page, source, exception.Message, exception);
        }
        if (result.Rejections.Count > 0)
            throw Drift(page, source, $"{result.Rejections.Count} entries could not be read, first {result.Rejections[0]}", null);
        return result;
    }

    private FormatChangedException Drift(FetchedPage page, string source, string reason, Exception? cause)
    {
        var folder = options.Value.DiagnosticsFolder;
        Directory.CreateDirectory(folder);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(page.Body)))[..12].ToLowerInvariant();
        var path = Path.Combine(folder, $"{source}-{clock.GetUtcNow():yyyyMMddTHHmmss}-{hash}.txt");
        File.WriteAllText(path, $"{page.FinalUrl}\n\n{page.Body}");
        logger.LogError("The {Source} page {Url} no longer parses ({Reason}); it was kept at {Path}", source, page.FinalUrl, reason, path);
        return new FormatChangedException(
            $"Format changed: the {source} page {page.FinalUrl.PathAndQuery} no longer parses ({reason}); it was kept at {path} for diagnosis and earlier data is untouched.",
            cause);
    }
}

/// <summary>A source's page no longer has the shape the parser knows; the parser needs updating.</summary>
public sealed class FormatChangedException : FormatException
{
    public FormatChangedException(string message, Exception? innerException) : base(message, innerException) { }

    public FormatChangedException() { }

    public FormatChangedException(string message) : base(message) { }
}
