using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using Quartz;
using Xunit;

namespace PaperDigest.Testing;

/// <summary>A test class's own database with the app running on it; the app imports the shipped sample on start.</summary>
public class WebAppFixture(PostgresServer server) : IAsyncLifetime
{
    /// <summary>Serve on a real loopback port (for a browser) instead of the in-memory test server.</summary>
    protected virtual bool ServeOnLoopback => false;

    /// <summary>Extra configuration for the app, such as a test SMTP server's address.</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>The hosting environment: Development, as `dotnet run` has it, unless a fixture needs Production.</summary>
    protected virtual string Environment => "Development";

    private PaperDigestAppFactory? factory;

    public TestDatabase Database { get; } = new(server);

    /// <summary>Where the app listens, when it is served on a loopback port.</summary>
    public Uri BaseAddress => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public PaperDigestAppFactory Factory => factory ?? throw new InvalidOperationException("The app has not started.");

    public virtual async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        factory = new PaperDigestAppFactory(Database.ConnectionString, ServeOnLoopback, Settings, Environment);
        factory.StartServer();
        // The hosted service starts Quartz only after the app has started, so a test's first request could come first.
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Poll.UntilAsync(async () => await scheduler.GetStatus() == SchedulerStatus.Running, "the app's scheduler to start", TimeSpan.FromSeconds(30));
    }

    /// <summary>Empties the app's page cache, after a test wrote to the database behind the app's back.</summary>
    public async Task ResetPageCacheAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PublicPageCache>().EvictAsync(CancellationToken.None);
    }

    /// <summary>
    /// The database as the app left it at start: the shipped sample and nothing else, with the page cache emptied.
    /// For test classes whose tests change what others read, so each test starts from the same data.
    /// </summary>
    public async Task ResetToSampleAsync()
    {
        await Database.ResetAsync(underRunningApp: true);
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SampleListingImporter>().ImportAsync(CancellationToken.None);
        await ResetPageCacheAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (factory is not null)
            await factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
