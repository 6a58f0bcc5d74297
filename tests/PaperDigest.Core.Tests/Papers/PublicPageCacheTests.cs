using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Papers;

/// <summary>What other instances hear when pages are evicted: every tag, however many, in payloads PostgreSQL accepts.</summary>
public sealed class PublicPageCacheTests(PostgresServer server)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManyTagsReachListenersWholeInPayloadsBelowPostgresLimit()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var connection = new DatabaseConnection();
        connection.Use(connectionString);
        // An arXiv day of 1,200 papers names each paper's page: about 20 KB, over the 8,000 bytes one NOTIFY may carry.
        var tags = Enumerable.Range(0, 1_200).Select(i => PageTags.Paper($"2608.{i:D5}")).Append(PageTags.Lists).ToList();
        var heard = new List<string>();
        await using var listener = new NpgsqlConnection(connectionString);
        listener.Notification += (_, notification) => heard.Add(notification.Payload);
        await listener.OpenAsync(Cancel);
        await using (var listen = new NpgsqlCommand($"LISTEN {PublicPageCache.Channel}", listener))
            await listen.ExecuteNonQueryAsync(Cancel);

        await new PublicPageCache(connection).EvictAsync(tags, Cancel);
        while (heard.Sum(payload => payload.Split(' ').Length) < tags.Count)
            Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(5), Cancel), $"Heard {heard.Count} notifications, not every tag.");

        Assert.True(heard.Count > 1);
        Assert.All(heard, payload => Assert.True(System.Text.Encoding.UTF8.GetByteCount(payload) < 8_000));
        Assert.Equal(tags.Order(StringComparer.Ordinal), heard.SelectMany(PublicPageCache.TagsOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnEmptyPayloadFromAnOlderVersionMeansEverything() =>
        Assert.Equal([PageTags.Everything], PublicPageCache.TagsOf(""));
}
