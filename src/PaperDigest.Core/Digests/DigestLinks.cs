using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Whether digest emails would carry working links. Outside Development, a Site:BaseUrl left at its default (or any
/// loopback address) would send every reader links to their own machine, so digests are not sent until it is set.
/// </summary>
public sealed class DigestLinks(IOptions<SiteOptions> options, SiteAddress site, IHostEnvironment environment)
{
    /// <summary>One sentence saying why digests are held back, or null when their links reach readers.</summary>
    public string? Problem =>
        environment.IsDevelopment() || options.Value.AllowLocalBaseUrl || !IsLocal(site.ForMail)
            ? null
            : $"Digests are not sent because their links would point at {site.ForMail}, an address readers cannot open; set Site__BaseUrl to the site's public address and restart.";

    // Uri.IsLoopback covers "localhost" and loopback addresses; the unspecified addresses and *.localhost are local too.
    private static bool IsLocal(Uri address) =>
        address.IsLoopback
        || address.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(address.Host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)));
}
