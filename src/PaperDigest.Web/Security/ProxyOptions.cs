using System.ComponentModel.DataAnnotations;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using PaperDigest.Core;

namespace PaperDigest.Web.Security;

/// <summary>
/// Settings under <c>Proxy</c>: which reverse proxies' X-Forwarded-For and X-Forwarded-Proto are believed. A proxy on
/// this machine (loopback) always is; one elsewhere, as in docker-compose.yml, must be named by its network, or every
/// reader would look like the proxy's one address to the rate limits, and a TLS proxy's https would be lost.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    public const string Section = "Proxy";

    /// <summary>Networks the proxies send from, in CIDR notation, such as 172.16.0.0/12.</summary>
    public List<string> TrustedNetworks { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in TrustedNetworks.Where(network => !IPNetwork.TryParse(network, out _)))
            yield return ValidatedOptions.Invalid(Section, nameof(TrustedNetworks), $"has '{network}', which is not a network in CIDR notation such as 172.16.0.0/12.");
    }
}

internal static class ForwardedHeadersSetup
{
    public static void AddPaperDigestForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ProxyOptions>(ProxyOptions.Section);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var network in proxy.Value.TrustedNetworks)
            {
                if (IPNetwork.TryParse(network, out var parsed))
                    forwarded.KnownIPNetworks.Add(parsed);
            }
        });
    }
}
