using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Site;

/// <summary>
/// The one base-address policy: Site:BaseUrl when it is configured (the public address, whatever proxy a request came
/// through); otherwise, for an answer to a request, the address the request came to, and for mail, which answers no
/// request, <see cref="SiteOptions.DefaultBaseUrl"/>.
/// </summary>
public sealed class SiteAddress(IOptions<SiteOptions> options)
{
    /// <summary>The base of links in emails.</summary>
    public Uri ForMail => WithSlash(options.Value.BaseUrl ?? SiteOptions.DefaultBaseUrl);

    /// <summary>The base of absolute links in an answer to <paramref name="request"/> (feeds, the API, canonical links).</summary>
    public Uri For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return options.Value.BaseUrl is { } configured ? WithSlash(configured) : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
    }

    /// <summary>A <see cref="SiteLinks"/> link made absolute for mail.</summary>
    public Uri MailLink(string link) => new(ForMail, link);

    /// <summary>A <see cref="SiteLinks"/> link made absolute for an answer to <paramref name="request"/>.</summary>
    public Uri Link(HttpRequest request, string link) => new(For(request), link);

    // Without the trailing slash, Uri would replace the base's last segment (a site under /digest/ would lose it).
    private static Uri WithSlash(Uri address) => address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
