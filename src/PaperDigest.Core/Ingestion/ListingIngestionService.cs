namespace PaperDigest.Core.Ingestion;

/// <summary>
/// One page or file, as one recorded run: open the run, obtain the parsed page (a source's fetch and parse, or a saved
/// file's parse), then store it or record why it failed. The data is as it was after a failure, and the app goes on.
/// </summary>
public sealed class ListingIngestionService(ListingStore store)
{
    public async Task<IngestionRun> IngestAsync(string source, string origin, Func<CancellationToken, Task<ParseResult>> obtain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obtain);
        var run = await store.OpenRunAsync(source, origin, cancellationToken);
        try
        {
            await store.CompleteRunAsync(run, await obtain(cancellationToken), cancellationToken);
        }
        catch (Exception exception)
        {
            await store.FailRunAsync(run, exception);
            if (exception is OperationCanceledException)
                throw;
        }
        return run;
    }
}
