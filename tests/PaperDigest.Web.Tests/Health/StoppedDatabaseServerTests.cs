using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

/// <summary>
/// The PostgreSQL server process itself stops under a running app and is started again on the same port. It has a
/// cluster of its own, so stopping it cannot disturb the other tests' databases.
/// </summary>
public sealed class StoppedDatabaseServerTests : IAsyncLifetime
{
    // Under the shared tests folder, not a private temp folder: the server runs as the postgres user, who must reach it.
    private readonly string root = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "stopped-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private LocalPostgresCluster? cluster;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LocalPostgresSettings Settings(int? port = null) => new(Path.Combine(root, "data"), Disposable: true, port);

    public async ValueTask InitializeAsync()
    {
        cluster = await LocalPostgresCluster.StartAsync(Settings(), NullLogger.Instance, Cancel);
        await cluster.EnsureDatabaseAsync("paperdigest", Cancel);
    }

    public async ValueTask DisposeAsync()
    {
        if (cluster is not null)
            await cluster.StopAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task WhileTheServerIsStoppedPagesAnswer503AndWhenItStartsAgainTheAppRecoversWithoutARestart()
    {
        var port = cluster!.Port;
        await using var factory = new PaperDigestAppFactory(cluster.ConnectionString("paperdigest"));
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(OutageExpectations.CachedPage, UriKind.Relative), Cancel)).StatusCode);

        await cluster.StopAsync();
        cluster = null;
        await OutageExpectations.AssertAnsweredAsUnavailableAsync(client);

        cluster = await LocalPostgresCluster.StartAsync(Settings(port), NullLogger.Instance, Cancel);
        await OutageExpectations.AssertRecoversAsync(client);
    }
}
