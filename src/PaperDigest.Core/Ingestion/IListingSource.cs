using PaperDigest.Core.Ingestion.Fetching;

namespace PaperDigest.Core.Ingestion;

/// <summary>
/// A place listings come from (Hugging Face, arXiv). It names the pages that cover some days, and fetches and parses
/// one page when the pipeline asks; it never touches the database (what it needs from it is handed in).
/// </summary>
public interface IListingSource
{
    /// <summary>The name runs and health are recorded under.</summary>
    string Name { get; }

    /// <summary>Whether listing pages leave abstracts out, so <see cref="AbstractPages"/> must complete them (arXiv).</summary>
    bool ListsWithoutAbstracts => false;

    /// <summary>The listing pages that cover the days, in the order they are fetched.</summary>
    IEnumerable<SourcePage> ListingPages(DateOnly firstDay, DateOnly lastDay);

    /// <summary>Pages that give the abstracts of the papers whose listings had none.</summary>
    IEnumerable<SourcePage> AbstractPages(IReadOnlyList<string> arxivIds) => [];

    /// <summary>
    /// Fetches one page (conditionally, with the validators <paramref name="known"/> holds for its addresses) and parses
    /// it inside the drift guard; the parsed result carries the validators the answer came with, for the store.
    /// </summary>
    Task<ParseResult> FetchAsync(SourcePage page, IKnownValidators known, CancellationToken cancellationToken);
}

/// <summary>The validators (ETag, Last-Modified) each address last answered with, as the store kept them.</summary>
public interface IKnownValidators
{
    Task<FetchValidator?> FindAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>One fetchable unit of a source; <see cref="Origin"/> is what its run records (the address).</summary>
public abstract record SourcePage(string Origin);
