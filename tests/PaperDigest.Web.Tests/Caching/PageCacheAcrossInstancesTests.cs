using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Papers.Curation;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Caching;

/// <summary>
/// Two app instances on one database, and a verb: a change made by any of them reaches the others' cached pages within
/// seconds (PostgreSQL LISTEN/NOTIFY); an instance that cannot listen says so on /health and caches briefly until it can.
/// </summary>
public sealed class PageCacheAcrossInstancesTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);
    private string connectionString = "";
    private PaperDigestAppFactory first = null!;
    private PaperDigestAppFactory second = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        connectionString = await server.CreateDatabaseAsync();
        first = new PaperDigestAppFactory(connectionString);
        first.StartServer();
        second = new PaperDigestAppFactory(connectionString);
        second.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    [Fact]
    public async Task AChangeByOneInstanceOrByAVerbReachesTheOtherInstancesCachedPagesWithinSeconds()
    {
        var reader = second.CreateClient();
        await WaitUntilListeningAsync(reader);
        var (_, home) = await HtmlPages.GetAsync(reader, "/");
        var ids = home.QuerySelectorAll(".paper-card .paper-title a").Select(a => a.GetAttribute("href")!["papers/".Length..]).ToList();
        // Changed behind the cache's back: the second instance keeps serving its cached page.
        await Sql.ExecuteAsync(connectionString, $"UPDATE papers SET title = 'Retitled behind the cache' WHERE arxiv_id = '{ids[0]}'");
        Assert.DoesNotContain("Retitled behind the cache", await reader.GetStringAsync(new Uri("/", UriKind.Relative), Cancel), StringComparison.Ordinal);

        // A curator's change made on the first instance.
        await using (var scope = first.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PaperCuration>().SetHiddenAsync("a curator", ids[1], hidden: true, Cancel);

        await EventuallyAsync(async () => (await reader.GetStringAsync(new Uri("/", UriKind.Relative), Cancel)).Contains("Retitled behind the cache", StringComparison.Ordinal),
            "the second instance's home page did not change after the first instance hid a paper");

        // A verb, in a process of its own, imports a day the API had answered empty for.
        var empty = await reader.GetStringAsync(new Uri("/api/papers?date=2024-05-27", UriKind.Relative), Cancel);
        Assert.Equal(0, JsonDocument.Parse(empty).RootElement.GetProperty("total").GetInt32());
        var imported = await AppProcess.RunAsync(["import", SourceFixtures.HuggingFaceApiPath("2024-05-27")],
            new Dictionary<string, string> { ["ConnectionStrings:PaperDigest"] = connectionString }, Cancel);
        Assert.Equal(0, imported.ExitCode);
        await EventuallyAsync(async () => JsonDocument.Parse(await reader.GetStringAsync(new Uri("/api/papers?date=2024-05-27", UriKind.Relative), Cancel))
            .RootElement.GetProperty("total").GetInt32() > 0, "the second instance's cached API answer did not change after the import verb");
    }

    [Fact]
    public async Task AnInstanceThatCannotListenSaysSoAndRecoversWhenItCan()
    {
        var client = second.CreateClient();
        await WaitUntilListeningAsync(client);

        // The database refuses new connections and drops the listeners' (and every other) connection.
        await Sql.SetAcceptingConnectionsAsync(connectionString, accepting: false);
        try
        {
            await EventuallyAsync(async () => await PageCacheStatusAsync(client) == "Degraded", "/health did not report the deaf page cache");
        }
        finally
        {
            await Sql.SetAcceptingConnectionsAsync(connectionString, accepting: true);
        }

        await WaitUntilListeningAsync(client);
    }

    private static async Task WaitUntilListeningAsync(HttpClient client) =>
        await EventuallyAsync(async () => await PageCacheStatusAsync(client) == "Healthy", "the page cache never started listening");

    private static async Task<string?> PageCacheStatusAsync(HttpClient client)
    {
        using var health = JsonDocument.Parse(await (await client.GetAsync(new Uri("/health", UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel));
        return health.RootElement.GetProperty("checks").EnumerateArray()
            .Where(check => check.GetProperty("name").GetString() == "page-cache")
            .Select(check => check.GetProperty("status").GetString()).SingleOrDefault();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Within {Within.TotalSeconds:0} s, {failure}.");
            await Task.Delay(100, Cancel);
        }
    }
}
