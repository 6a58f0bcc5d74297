using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using PaperDigest.Web.Security;

namespace PaperDigest.Web.Compression;

/// <summary>
/// Brotli or gzip for pages, feeds and JSON (HTML compresses to about a fifth). It runs inside the output cache, so a
/// cached page is compressed once per encoding, not per request; the cache keys entries by Accept-Encoding for that.
/// Admin and subscriber pages are left uncompressed: they carry secrets (antiforgery tokens, link tokens) next to
/// text an attacker can influence, which is what BREACH-style attacks on compressed HTTPS need.
/// </summary>
internal static class PublicResponseCompression
{
    private static readonly string[] ExtraMimeTypes =
        ["application/atom+xml", "application/problem+json", "image/svg+xml", "text/plain"];

    public static IServiceCollection AddPublicResponseCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(ExtraMimeTypes);
        });
        // Optimal is Brotli's quality 4 and gzip's level 6 here, both cheap next to rendering a page; the fastest
        // levels left JSON at half its size.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        return services;
    }

    public static IApplicationBuilder UsePublicResponseCompression(this IApplicationBuilder app) =>
        app.UseWhen(context => !PrivatePages.Contain(context.Request.Path), branch => branch.UseResponseCompression());
}
