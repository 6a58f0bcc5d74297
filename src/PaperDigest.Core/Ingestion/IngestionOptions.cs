using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace PaperDigest.Core.Ingestion;

/// <summary>Settings under <c>Ingestion</c>: how the fetcher behaves and where each source lives.</summary>
public sealed partial class IngestionOptions : IValidatableObject
{
    public const string Section = "Ingestion";

    /// <summary>Sent with every request so source operators can tell who is calling and how to reach them.</summary>
    public string UserAgent { get; set; } = "PaperDigest/0.1 (self-hosted paper digest; +https://github.com/paperdigest/paperdigest)";

    /// <summary>How long one attempt may take, headers and body together.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for timeouts, 408, 429 and 5xx; Retry-After is honoured.</summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Let sources live on loopback or private networks (only the tests' fake sources should need it).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>How long one request may take in all, retries and their waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The first retry's delay; later ones grow exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A response body larger than this is refused rather than read.</summary>
    [Range(1024L, 1024L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>An HTML page that takes longer than this to parse fails its run (a real day parses in milliseconds).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxParseTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Where pages that no longer parse are kept for diagnosis; default: a folder under the temp folder.</summary>
    public string? DiagnosticsDirectory { get; set; }

    /// <summary>
    /// How many days before today each scheduled run scrapes again, to refresh the counts. By default the trending
    /// window's: a paper can rank on trending for that long, so its upvotes, comments and stars must keep moving. Pages
    /// that did not change answer 304 to the conditional request and are recorded as "not modified" runs.
    /// </summary>
    [Range(0, 60)]
    public int RescrapeDays { get; set; } = Papers.TrendingPapers.WindowDays - 1;

    /// <summary>A failing source's first back-off; it doubles with each consecutive failure, up to the maximum.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FailureBackoff { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxFailureBackoff { get; set; } = TimeSpan.FromHours(6);

    public HuggingFaceSourceOptions HuggingFace { get; set; } = new();

    public ArxivSourceOptions Arxiv { get; set; } = new();

    internal string DiagnosticsFolder => DiagnosticsDirectory ?? Path.Combine(Path.GetTempPath(), "paperdigest-diagnostics");

    // The sources' settings are nested objects, which data annotations do not walk into.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, address) in new[]
                 {
                     ("HuggingFace:BaseUrl", HuggingFace.BaseUrl), ("Arxiv:BaseUrl", Arxiv.BaseUrl), ("Arxiv:ApiBaseUrl", Arxiv.ApiBaseUrl),
                 })
        {
            if (!Papers.WebAddress.IsHttp(address))
                yield return ValidatedOptions.Invalid(Section, name, "must be an absolute http or https address.");
        }
        if (HuggingFace.PageSize is < 1 or > 100)
            yield return ValidatedOptions.Invalid(Section, "HuggingFace:PageSize", "must be between 1 and 100 (the API serves at most 100).");
        if (HuggingFace.RequestDelay < TimeSpan.Zero || Arxiv.RequestDelay < TimeSpan.Zero)
            yield return ValidatedOptions.Invalid(Section, "RequestDelay", "must not be negative.");
        foreach (var category in Arxiv.Categories.Where(c => !ArxivCategory().IsMatch(c)))
            yield return ValidatedOptions.Invalid(Section, "Arxiv:Categories", $"has '{category}', which is not an arXiv category such as cs.CL or astro-ph.CO.");
        if (MaxFailureBackoff < FailureBackoff)
            yield return ValidatedOptions.Invalid(Section, nameof(MaxFailureBackoff), "must not be shorter than Ingestion:FailureBackoff.");
    }

    [GeneratedRegex(@"^[a-z-]+(\.[A-Za-z-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ArxivCategory();
}

/// <summary>Where Hugging Face lives and which of its two routes to try first.</summary>
public sealed class HuggingFaceSourceOptions
{
    public Uri BaseUrl { get; set; } = new("https://huggingface.co");

    public HuggingFaceRoute PreferredRoute { get; set; } = HuggingFaceRoute.Api;

    /// <summary>The API's page size; it serves at most 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The pause between two requests to this host.</summary>
    public TimeSpan RequestDelay { get; set; } = TimeSpan.FromSeconds(1);
}

public enum HuggingFaceRoute
{
    Api,
    Page,
}

/// <summary>Where arXiv lives, which categories to follow, and its requested pace (at least 3 s between requests).</summary>
public sealed class ArxivSourceOptions
{
    public Uri BaseUrl { get; set; } = new("https://arxiv.org");

    public Uri ApiBaseUrl { get; set; } = new("https://export.arxiv.org");

    public static readonly IReadOnlyList<string> DefaultCategories = ["cs.AI", "cs.CL", "cs.CV", "cs.LG"];

    /// <summary>The categories to follow; empty means <see cref="DefaultCategories"/>. (Configuration binding adds to
    /// a collection's initial items instead of replacing them, so the defaults cannot be the initial value.)</summary>
    public IList<string> Categories { get; } = [];

    public IReadOnlyList<string> FollowedCategories => Categories.Count > 0 ? [.. Categories] : DefaultCategories;

    public TimeSpan RequestDelay { get; set; } = TimeSpan.FromSeconds(3);
}
