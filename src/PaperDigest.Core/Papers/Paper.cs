using NpgsqlTypes;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Papers;

/// <summary>One paper, stored once under its normalised arXiv id whichever sources list it.</summary>
public sealed class Paper
{
    public required string ArxivId { get; set; }
    public required string Title { get; set; }
    public string Abstract { get; set; } = "";
    /// <summary>Author names in the order the paper gives them.</summary>
    public List<string> Authors { get; set; } = [];
    public DateTimeOffset? PublishedAt { get; set; }

    public string? GithubUrl { get; set; }
    public string? ProjectUrl { get; set; }
    public string? ThumbnailUrl { get; set; }
    /// <summary>The organisation's handle on the source, such as <c>google</c>.</summary>
    public string? OrganizationHandle { get; set; }
    public string? OrganizationName { get; set; }

    /// <summary>arXiv categories, primary first, such as <c>cs.CL</c>.</summary>
    public List<string> Categories { get; set; } = [];
    /// <summary>The authors' arXiv comment, such as "14 pages, 7 figures".</summary>
    public string? ArxivComment { get; set; }
    public string? Doi { get; set; }

    public string? AiSummary { get; set; }
    public List<string> AiKeywords { get; set; } = [];

    // The latest observed metrics. The history lives in paper_metrics; these copies let listing pages sort and
    // filter with plain indexed columns instead of a lateral join over every snapshot.
    public int Upvotes { get; set; }
    public int Comments { get; set; }
    public int? GithubStars { get; set; }
    /// <summary>The listing day of the freshest page that described this paper; pages of earlier days do not override it.</summary>
    public DateOnly? DescribedOnListingDay { get; set; }

    /// <summary>Set when an admin hides the paper: it then disappears from every public page, feed, search, API and digest.</summary>
    public DateTimeOffset? HiddenAt { get; set; }

    /// <summary>The listing day at the top of which an admin pinned the paper, if any.</summary>
    public DateOnly? PinnedDay { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    /// <summary>When a source or a curator last changed what the paper says (not its counts, which change hourly).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The paper's last change, for feeds: its publication until PaperDigest sees its description change, so a first
    /// import does not date every paper to the moment of the import.
    /// </summary>
    public DateTimeOffset LastChangedAt => UpdatedAt > FirstSeenAt ? UpdatedAt : PublishedAt ?? FirstSeenAt;

    /// <summary>Maintained by PostgreSQL: title (A), keywords and authors (B), abstract (C).</summary>
    public NpgsqlTsVector SearchVector { get; private set; } = null!;

    /// <summary>Maintained by PostgreSQL: the title and AI keywords, for finding related papers.</summary>
    public NpgsqlTsVector TopicVector { get; private set; } = null!;

    public List<Listing> Listings { get; } = [];
    public List<PaperMetricSnapshot> MetricSnapshots { get; } = [];
    public List<PaperTag> Tags { get; } = [];
    /// <summary>Fields an admin has edited, which ingestion leaves alone.</summary>
    public List<PaperEdit> Edits { get; } = [];
    public Thumbnails.PaperThumbnail? Thumbnail { get; set; }

    public Uri ArxivUrl => Papers.ArxivId.AbstractUrl(ArxivId);
    public Uri PdfUrl => Papers.ArxivId.PdfUrl(ArxivId);
}
