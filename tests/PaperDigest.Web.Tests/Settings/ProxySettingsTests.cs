using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Settings;

/// <summary>A proxy on another host (as in docker-compose.yml) is believed once its network is named; loopback always is.</summary>
public sealed class ProxySettingsTests(PostgresServer server)
{
    [Fact]
    public async Task TheNamedProxyNetworksAreTrustedBesideLoopback()
    {
        await using var app = new PaperDigestAppFactory(await server.CreateDatabaseAsync(),
            settings: new Dictionary<string, string> { ["Proxy:TrustedNetworks:0"] = "172.16.0.0/12" });

        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Contains(forwarded.KnownIPNetworks, network => network.Contains(IPAddress.Parse("172.18.0.5")));
        Assert.Contains(forwarded.KnownIPNetworks, network => network.Contains(IPAddress.Loopback));
        Assert.DoesNotContain(forwarded.KnownIPNetworks, network => network.Contains(IPAddress.Parse("203.0.113.9")));
    }
}
