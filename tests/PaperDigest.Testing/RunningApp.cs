using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PaperDigest.Testing;

/// <summary>The real app served by Kestrel on a loopback port, for tests that drive a browser against it.</summary>
public sealed class RunningApp(PostgresServer server) : WebAppFixture(server)
{
    protected override bool ServeOnLoopback => true;

    public Uri BaseAddress => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
