using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Npgsql;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Papers;

/// <summary>
/// The output cache of the public pages, feeds and API. Whatever changes what they show (ingestion, curation, merges,
/// the verbs) evicts the pages that show it, here and, through PostgreSQL (NOTIFY on <see cref="Channel"/>; each web
/// instance listens), on every other instance, so none serves a page older than the change for more than the moment
/// the notification takes. Pages are evicted by the <see cref="PageTags"/> they were cached under: a change to a few
/// papers evicts their pages, their days, weeks and months, their tags and the site-wide lists, and leaves the rest.
/// </summary>
public sealed class PublicPageCache(DatabaseConnection? connection = null, IOutputCacheStore? store = null, ILogger<PublicPageCache>? logger = null)
{
    public const string Policy = "public-pages";
    public const string Channel = "paperdigest_pages";

    // Past this many, evicting tag by tag costs more than rebuilding the pages; everything goes.
    private const int MaxPreciseTags = 5_000;

    /// <summary>Evicts every cached page: for changes that show everywhere (a tag renamed, papers merged, the sample reset).</summary>
    public Task EvictAsync(CancellationToken cancellationToken) => EvictAsync([PageTags.Everything], cancellationToken);

    /// <summary>
    /// Evicts what shows the papers: their own pages, every day they are listed on (with its week and month), their
    /// tags, and the site-wide lists (front page, trending, search, feeds). Call it after the change has committed,
    /// since the days and tags are read from the database as they are now.
    /// </summary>
    /// <param name="also">Further tags the change touched, such as <see cref="PageTags.Periods"/> when a day appeared.</param>
    public Task EvictPapersAsync(IReadOnlyCollection<string> arxivIds, CancellationToken cancellationToken, IReadOnlyCollection<string>? also = null)
    {
        ArgumentNullException.ThrowIfNull(arxivIds);
        return arxivIds.Count == 0
            ? also is { Count: > 0 } ? EvictAsync(also, cancellationToken) : Task.CompletedTask
            : EvictAsync(async connection => [.. await TagsShowingAsync(connection, arxivIds, cancellationToken), .. also ?? []], [PageTags.Everything], cancellationToken);
    }

    /// <summary>Evicts the pages cached under <paramref name="tags"/>, here and on every other instance.</summary>
    public Task EvictAsync(IReadOnlyCollection<string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return EvictAsync(_ => Task.FromResult(tags), tags, cancellationToken);
    }

    // On one connection: reads what to evict, evicts it here and tells the other instances. Without a database (tests
    // that build the cache alone), or when it fails before the tags are known, the fallback goes here: what the caller
    // named, or everything when the tags had to be read.
    private async Task EvictAsync(Func<NpgsqlConnection, Task<IReadOnlyCollection<string>>> tagsToEvict, IReadOnlyCollection<string> fallback,
        CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            await EvictHereAsync(fallback, cancellationToken);
            return;
        }
        IReadOnlyCollection<string>? tags = null;
        try
        {
            await using var notifying = new NpgsqlConnection(connection.ConnectionString);
            await notifying.OpenAsync(cancellationToken);
            tags = await tagsToEvict(notifying);
            if (tags.Count > MaxPreciseTags)
                tags = [PageTags.Everything];
            await EvictHereAsync(tags, cancellationToken);
            await DatabaseNotifications.SendAsync(notifying, Channel, tags, cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailure.Find(exception) is not null)
        {
            // The change itself has committed; instances that miss this hear nothing and fall back to short lifetimes.
            logger?.LogWarning("Cached pages were evicted here only, and other instances were not told ({Reason})", exception.Message);
            await EvictHereAsync(tags ?? fallback, cancellationToken);
        }
    }

    /// <summary>Evicts this instance's pages only: what a notification from another process asks for.</summary>
    public async Task EvictHereAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        // Command-line verbs run without the web host's output cache (no store is registered); nothing to evict then.
        if (store is null)
            return;
        foreach (var tag in tags)
            await store.EvictByTagAsync(tag, cancellationToken);
    }

    /// <summary>The tags a notification's payload names; an empty payload (as older versions sent) means everything.</summary>
    public static IReadOnlyCollection<string> TagsOf(string payload) =>
        string.IsNullOrWhiteSpace(payload) ? [PageTags.Everything] : DatabaseNotifications.WordsOf(payload);

    private static async Task<List<string>> TagsShowingAsync(NpgsqlConnection reading, IReadOnlyCollection<string> arxivIds, CancellationToken cancellationToken)
    {
        var tags = new List<string> { PageTags.Lists };
        tags.AddRange(arxivIds.Select(PageTags.Paper));
        // Slugs of tags taken off too (their rows stay, marked removed): the tag's page listed the paper until now.
        await using var query = new NpgsqlCommand("""
            SELECT DISTINCT day, NULL FROM listings WHERE arxiv_id = ANY($1)
            UNION ALL
            SELECT DISTINCT NULL::date, t.slug FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.arxiv_id = ANY($1)
            """, reading);
        query.Parameters.Add(new NpgsqlParameter { Value = arxivIds.ToArray() });
        await using var rows = await query.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
            tags.Add(rows.IsDBNull(0) ? PageTags.Tag(rows.GetString(1)) : PageTags.Day(rows.GetFieldValue<DateOnly>(0)));
        return tags;
    }
}

/// <summary>
/// What a cached page shows, as output cache tags, so that a change evicts only the pages it touches. Every page
/// carries <see cref="Everything"/>; a page that names none of the narrower tags is counted among the
/// <see cref="Lists"/>, which any change to a paper evicts.
/// </summary>
public static class PageTags
{
    public const string Everything = "papers";

    /// <summary>
    /// Pages drawn from across the site: the front page, trending, search, the tag index, the feeds, the digest archive.
    /// </summary>
    public const string Lists = "lists";

    /// <summary>
    /// The day, week and month pages: their tabs follow the latest day and their previous/next links the days listed,
    /// so all of them change when a source lists a new day.
    /// </summary>
    public const string Periods = "periods";

    public static string Day(DateOnly day) => "day:" + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Paper(string arxivId) => "paper:" + arxivId;

    public static string Tag(string slug) => "tag:" + slug;

    /// <summary>Whether a page named what it shows (a day, a paper, a tag) rather than being a list.</summary>
    public static bool AreNarrow(IEnumerable<string> tags) =>
        tags.Any(tag => tag.StartsWith("day:", StringComparison.Ordinal) || tag.StartsWith("paper:", StringComparison.Ordinal)
            || tag.StartsWith("tag:", StringComparison.Ordinal));
}
