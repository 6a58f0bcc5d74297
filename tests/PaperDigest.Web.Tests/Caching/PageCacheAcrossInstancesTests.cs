using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Papers;
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
    public async Task AChangeToOnePaperEvictsThePagesShowingItOnEveryInstanceAndLeavesTheRest()
    {
        var reader = second.CreateClient();
        await WaitUntilListeningAsync(reader);
        // A paper listed on the latest day only, and one listed on the first day only, with a tag the first lacks.
        var changed = (await Sql.StringsAsync(connectionString, """
            SELECT arxiv_id FROM listings GROUP BY arxiv_id HAVING min(day) = (SELECT max(day) FROM listings) ORDER BY 1 LIMIT 1
            """))[0];
        var untouched = (await Sql.StringsAsync(connectionString, """
            SELECT arxiv_id FROM listings GROUP BY arxiv_id HAVING max(day) = (SELECT min(day) FROM listings) ORDER BY 1 LIMIT 1
            """))[0];
        var otherTag = (await Sql.StringsAsync(connectionString, $"""
            SELECT t.slug FROM tags t JOIN paper_tags pt ON pt.tag_id = t.id
            WHERE NOT EXISTS (SELECT FROM paper_tags mine WHERE mine.tag_id = t.id AND mine.arxiv_id = '{changed}') ORDER BY 1 LIMIT 1
            """))[0];
        string[] changedPages = ["/papers/date/2026-08-21", "/papers/week/2026-W34", $"/papers/{changed}", "/search?q=model", "/"];
        string[] otherPages = ["/papers/date/2026-08-17", $"/papers/{untouched}", $"/tags/{otherTag}", $"/api/papers/{untouched}"];
        foreach (var path in changedPages.Concat(otherPages))
            await reader.GetStringAsync(new Uri(path, UriKind.Relative), Cancel);
        // Every title changes behind the caches' back: a page rendered again shows it, a cached one does not.
        await Sql.ExecuteAsync(connectionString, "UPDATE papers SET title = title || ' (retitled behind the cache)'");

        // A curator on the first instance corrects the one paper's abstract.
        await using (var scope = first.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<PaperEditing>()
                .SaveAsync("a curator", changed, new Dictionary<EditableField, string?> { [EditableField.Abstract] = "A corrected abstract." }, Cancel)).Succeeded);

        foreach (var path in changedPages)
            await EventuallyAsync(async () => (await reader.GetStringAsync(new Uri(path, UriKind.Relative), Cancel)).Contains("retitled behind the cache", StringComparison.Ordinal),
                $"the second instance kept serving {path}, which shows the changed paper");
        foreach (var path in otherPages)
        {
            var response = await reader.GetAsync(new Uri(path, UriKind.Relative), Cancel);
            Assert.NotNull(response.Headers.Age);
            Assert.DoesNotContain("retitled behind the cache", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }
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
