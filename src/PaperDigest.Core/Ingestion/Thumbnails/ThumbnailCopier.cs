using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion.Fetching;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Thumbnails;

namespace PaperDigest.Core.Ingestion.Thumbnails;

/// <summary>
/// Copies the thumbnails sources point to into the database, newest papers first, a batch per call. Only PNG, JPEG,
/// WebP and GIF images are kept (checked by their first bytes, not the server's word), never SVG, which can carry
/// script. When a host does not answer at all the batch stops, so an offline copy does not wait on every paper.
/// </summary>
public sealed class ThumbnailCopier(PaperDigestDbContext db, SourceFetcher fetcher, PublicPageCache pageCache, TimeProvider clock, ILogger<ThumbnailCopier> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromDays(1);

    /// <summary>Copies up to <paramref name="batch"/> missing thumbnails; returns how many were stored.</summary>
    public async Task<int> CopyMissingAsync(int batch, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var retryBefore = now - RetryAfter;
        var wanted = await db.Papers.AsNoTracking()
            .Where(p => p.ThumbnailUrl != null && (p.Thumbnail == null || (p.Thumbnail.Image == null && p.Thumbnail.AttemptedAt < retryBefore)))
            .OrderByDescending(p => p.FirstSeenAt).ThenBy(p => p.ArxivId)
            .Select(p => new { p.ArxivId, p.ThumbnailUrl })
            .Take(batch)
            .ToListAsync(cancellationToken);

        var stored = new List<string>();
        foreach (var paper in wanted)
        {
            var thumbnail = await db.PaperThumbnails.FindAsync([paper.ArxivId], cancellationToken)
                            ?? db.PaperThumbnails.Add(new PaperThumbnail { ArxivId = paper.ArxivId }).Entity;
            thumbnail.AttemptedAt = now;
            var unreachable = false;
            try
            {
                var (image, _) = await fetcher.GetBytesAsync(new Uri(paper.ThumbnailUrl!), cancellationToken);
                var type = ImageType(image);
                thumbnail.Image = type is null ? null : image;
                thumbnail.ContentType = type;
                thumbnail.Error = type is null ? "The thumbnail is not a PNG, JPEG, WebP or GIF image." : null;
            }
            catch (FetchException exception)
            {
                (thumbnail.Image, thumbnail.ContentType, thumbnail.Error) = (null, null, exception.Message);
                unreachable = exception.Status is null;
            }
            await db.SaveChangesAsync(cancellationToken);
            if (thumbnail.Image is not null)
                stored.Add(paper.ArxivId);
            else
                logger.LogWarning("Thumbnail of {ArxivId} not copied: {Error}", paper.ArxivId, thumbnail.Error);
            if (unreachable)
                break;
        }
        // Cards show a thumbnail once it is stored.
        await pageCache.EvictPapersAsync(stored, cancellationToken);
        return stored.Count;
    }

    /// <summary>The media type a served thumbnail gets, from the image's signature; null for anything else.</summary>
    public static string? ImageType(ReadOnlySpan<byte> image) => image switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => null,
    };
}
