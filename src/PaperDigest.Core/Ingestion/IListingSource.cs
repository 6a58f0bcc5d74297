namespace PaperDigest.Core.Ingestion;

/// <summary>A place listings come from (Hugging Face, arXiv). It yields pages; each is stored as one run and one transaction.</summary>
public interface IListingSource
{
    /// <summary>The name runs and health are recorded under.</summary>
    string Name { get; }

    /// <summary>The pages that cover the days; fetching happens when a page's parse runs, so its failures are recorded on its run.</summary>
    IAsyncEnumerable<SourcePage> PagesAsync(DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken);
}

/// <summary>One fetchable unit of a source: where it comes from and how to fetch and parse it.</summary>
public sealed record SourcePage(string Origin, Func<CancellationToken, Task<ParseResult>> FetchAndParseAsync);
