using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Mail;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Whether digest emails would carry working links. Outside Development, a Site:BaseUrl left at its default (or any
/// loopback address) would send every reader links to their own machine, so digests are not sent until it is set.
/// </summary>
public sealed class DigestLinks(IOptions<SiteOptions> site, IHostEnvironment environment)
{
    /// <summary>One sentence saying why digests are held back, or null when their links reach readers.</summary>
    public string? Problem =>
        environment.IsDevelopment() || site.Value.AllowLocalBaseUrl || !IsLocal(site.Value.BaseUrl)
            ? null
            : $"Digests are not sent because Site:BaseUrl is {site.Value.BaseUrl}, an address readers cannot open; set Site__BaseUrl to the site's public address and restart.";

    private static bool IsLocal(Uri address) =>
        address.IsLoopback
        || address.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address.Host, out var ip) && (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}
