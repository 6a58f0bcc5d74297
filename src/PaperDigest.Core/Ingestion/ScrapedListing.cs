namespace PaperDigest.Core.Ingestion;

/// <summary>What one source listed for one day, in its own order; parsers produce it, the ingestion service stores it.</summary>
public sealed record ScrapedListing(string Source, DateOnly Day, IReadOnlyList<ScrapedPaper> Papers)
{
    /// <summary>Papers (by id) that are cross-listed on this day rather than submitted to it.</summary>
    public IReadOnlySet<string> CrossListed { get; init; } = new HashSet<string>();
}

/// <summary>A paper as a source describes it, already normalised (canonical id, collapsed whitespace).</summary>
public sealed record ScrapedPaper
{
    public required string ArxivId { get; init; }
    public required string Title { get; init; }
    public string Abstract { get; init; } = "";
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? PublishedAt { get; init; }
    public string? GithubUrl { get; init; }
    public string? ProjectUrl { get; init; }
    public string? ThumbnailUrl { get; init; }
    public string? OrganizationHandle { get; init; }
    public string? OrganizationName { get; init; }
    public string? AiSummary { get; init; }
    public IReadOnlyList<string> AiKeywords { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? ArxivComment { get; init; }
    public string? Doi { get; init; }
    public int? Upvotes { get; init; }
    public int? Comments { get; init; }
    public int? GithubStars { get; init; }
}

/// <summary>A parser's output: the listings it understood and the entries it had to reject, with why.</summary>
public sealed record ParseResult(IReadOnlyList<ScrapedListing> Listings, IReadOnlyList<string> Rejections)
{
    /// <summary>Papers to update without listing them anywhere: arXiv replacements and API look-ups.</summary>
    public IReadOnlyList<ScrapedPaper> Unlisted { get; init; } = [];

    /// <summary>The source answered 304: nothing changed since the validators were saved.</summary>
    public bool NotModified { get; init; }

    /// <summary>Conditional-GET validators to save with the data, in the same transaction.</summary>
    public IReadOnlyList<Fetching.FetchValidator> Validators { get; init; } = [];

    public int PaperCount => Listings.Sum(l => l.Papers.Count) + Unlisted.Count;

    /// <summary>Every arXiv id the result mentions, listed or not, once each.</summary>
    public List<string> ArxivIds() => Listings.SelectMany(l => l.Papers).Concat(Unlisted).Select(p => p.ArxivId).Distinct().ToList();

    public static ParseResult Empty { get; } = new([], []);
}
