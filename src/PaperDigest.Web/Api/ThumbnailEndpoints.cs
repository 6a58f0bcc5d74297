using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Web.Caching;

namespace PaperDigest.Web.Api;

/// <summary>Serves the thumbnails copied from the sources (see ThumbnailCopier), so cards never load a third-party image.</summary>
internal static class ThumbnailEndpoints
{
    public static RouteHandlerBuilder MapThumbnails(this IEndpointRouteBuilder app) =>
        app.MapGet("/thumbnails/{**id}", async (string id, PaperDigestDbContext db, HttpResponse response, CancellationToken cancellationToken) =>
        {
            if (!ArxivId.TryNormalize(id, out var canonical))
                return Results.NotFound();
            response.HttpContext.CacheAs([PageTags.Paper(canonical)]);
            var thumbnail = await db.PaperThumbnails.AsNoTracking()
                .Where(t => t.ArxivId == canonical && t.Image != null)
                .Select(t => new { t.Image, t.ContentType })
                .FirstOrDefaultAsync(cancellationToken);
            if (thumbnail is null)
                return Results.NotFound();
            response.Headers.CacheControl = "public, max-age=86400";
            response.Headers.XContentTypeOptions = "nosniff";
            return Results.File(thumbnail.Image!, thumbnail.ContentType);
        }).ExcludeFromDescription();
}
