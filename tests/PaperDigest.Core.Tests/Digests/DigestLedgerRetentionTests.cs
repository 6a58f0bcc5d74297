using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Digests;

public sealed class DigestLedgerRetentionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task RowsOfEditionsPastRetentionGoAndTheEditionsAndRecentRowsStay()
    {
        await database.ResetAsync();
        var reader = await Sql.InsertSubscriberAsync(database.ConnectionString, "reader@example.com");
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO digest_editions (frequency, last_day, created_at) VALUES
              ('Daily', current_date - 200, now()), ('Daily', current_date - 121, now()), ('Daily', current_date - 119, now()), ('Daily', current_date, now());
            INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, paper_ids)
              SELECT {reader}, id, 'Sent', 1, ARRAY['2401.00001'] FROM digest_editions;
            """);
        await using var services = CoreServices.CreateDigests(database.ConnectionString, new Dictionary<string, string?> { ["Digests:LedgerRetention"] = "120.00:00:00" },
            TimeProvider.System);
        await using var scope = services.CreateAsyncScope();

        var pruned = await scope.ServiceProvider.GetRequiredService<DigestLedgerRetention>().PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, pruned);
        Assert.Equal(["0", "119"], await Sql.StringsAsync(database.ConnectionString,
            "SELECT (current_date - e.last_day)::text FROM digest_deliveries d JOIN digest_editions e ON e.id = d.edition_id ORDER BY e.last_day DESC"));
        Assert.Equal(4L, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM digest_editions"));
    }

    [Fact]
    public void APaperFirstListedBeforeTheLedgersMemoryIsNeverSentAgainThoughListedAnew()
    {
        var day = new DateOnly(2026, 8, 21);
        var choice = new DigestChoice(DigestFrequency.Daily, day,
        [
            new ScoredPaper("back-again", TrendingScore.For(50, 0, null, 0, 10), 50, day, []) { FirstListed = day.AddDays(-200) },
            new ScoredPaper("new", TrendingScore.For(10, 0, null, 0, 10), 10, day, []) { FirstListed = day },
        ], [])
        {
            RememberedFrom = DigestLedgerRetention.RememberedFrom(day, new DigestOptions { LedgerRetention = TimeSpan.FromDays(120) }),
        };

        var chosen = choice.Choose(new SubscriberPreferences(), day.AddDays(-1), new HashSet<string>());
        var unbounded = (choice with { RememberedFrom = null }).Choose(new SubscriberPreferences(), day.AddDays(-1), new HashSet<string>());

        Assert.Equal(["new"], chosen.Curated);
        Assert.Equal(["back-again", "new"], unbounded.Curated);
    }
}
