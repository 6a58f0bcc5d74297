using Npgsql;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Papers;

/// <summary>
/// Stored period rankings: what the listing pages read instead of sorting a period's papers per request. Each test
/// changes the data the way some process would (plain SQL, as an ingest, a verb or an admin on another instance does)
/// and checks that the next page shows the change.
/// </summary>
public sealed class PeriodRankingsTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2026, 11, 23);
    private static readonly DateOnly Tuesday = Monday.AddDays(1);

    public async ValueTask InitializeAsync()
    {
        await database.ResetAsync();
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00001', 'Ten', now(), now(), 10, 0),
              ('2611.00002', 'Thirty', now(), now(), 30, 0),
              ('2611.00003', 'Twenty', now(), now(), 20, 0),
              ('2611.00004', 'Tuesday', now(), now(), 5, 0),
              ('2611.00005', 'arXiv only', now(), now(), 500, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00001', 'huggingface', '2026-11-23', 1, 'New'),
              ('2611.00002', 'huggingface', '2026-11-23', 2, 'New'),
              ('2611.00003', 'huggingface', '2026-11-23', 3, 'New'),
              ('2611.00004', 'huggingface', '2026-11-24', 1, 'New'),
              ('2611.00005', 'arxiv:cs.LG', '2026-11-23', 1, 'New');
            """);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<string>> DayAsync(DateOnly day) => (await RankAsync(ListingPeriod.Of(PeriodKind.Day, day))).ArxivIds;

    private Task<RankedPage> RankAsync(ListingPeriod period) => new PeriodRankings(database.CreateContext()).PageAsync(period, 1, Cancellation);

    private Task<bool> IsStoredAsync(PeriodKind kind, DateOnly first) => Sql.ScalarAsync<bool>(database.ConnectionString,
        $"SELECT EXISTS (SELECT 1 FROM period_rankings WHERE kind = '{kind}' AND first_day = '{first:yyyy-MM-dd}' AND ranked_ids IS NOT NULL)");

    [Fact]
    public async Task APeriodIsRankedMostUpvotedFirstFromCuratedListingsAndStored()
    {
        Assert.Equal(["2611.00002", "2611.00003", "2611.00001"], await DayAsync(Monday));
        Assert.True(await IsStoredAsync(PeriodKind.Day, Monday));

        var week = await RankAsync(ListingPeriod.Of(PeriodKind.Week, Monday));
        Assert.Equal(4, week.TotalCount);
        Assert.Equal(["2611.00002", "2611.00003", "2611.00001", "2611.00004"], week.ArxivIds);
    }

    [Fact]
    public async Task ChangedCountsReorderTheDayAndLeaveOtherDaysStored()
    {
        await DayAsync(Monday);
        await DayAsync(Tuesday);

        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE papers SET upvotes = 99 WHERE arxiv_id = '2611.00001'");

        Assert.False(await IsStoredAsync(PeriodKind.Day, Monday));
        Assert.True(await IsStoredAsync(PeriodKind.Day, Tuesday));
        Assert.Equal(["2611.00001", "2611.00002", "2611.00003"], await DayAsync(Monday));
    }

    [Fact]
    public async Task HidingPinningListingAndUnlistingAllShowOnTheNextPage()
    {
        await DayAsync(Monday);
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE papers SET hidden_at = now() WHERE arxiv_id = '2611.00002'");
        var hidden = await RankAsync(ListingPeriod.Of(PeriodKind.Day, Monday));
        Assert.Equal(2, hidden.TotalCount);
        Assert.Equal(["2611.00003", "2611.00001"], hidden.ArxivIds);

        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE papers SET pinned_day = '2026-11-23' WHERE arxiv_id = '2611.00001'");
        Assert.Equal(["2611.00001", "2611.00003"], await DayAsync(Monday));

        await Sql.ExecuteAsync(database.ConnectionString, "INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2611.00004', 'huggingface', '2026-11-23', 4, 'New')");
        Assert.Equal(["2611.00001", "2611.00003", "2611.00004"], await DayAsync(Monday));

        await Sql.ExecuteAsync(database.ConnectionString, "DELETE FROM listings WHERE arxiv_id = '2611.00003' AND day = '2026-11-23'");
        Assert.Equal(["2611.00001", "2611.00004"], await DayAsync(Monday));
    }

    [Fact]
    public async Task AnEmptyPeriodIsAnsweredButNotStored()
    {
        var empty = await RankAsync(ListingPeriod.Of(PeriodKind.Day, new DateOnly(1999, 1, 1)));

        Assert.Equal((0, 0), (empty.TotalCount, empty.ArxivIds.Count));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM period_rankings WHERE first_day < '2000-01-01'"));
    }

    [Fact]
    public async Task ARankingComputedBeforeAChangeCommittedIsNotStoredAfterIt()
    {
        await DayAsync(Monday);
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE papers SET comments = 1 WHERE arxiv_id = '2611.00003'");

        // Another process changes a count and holds its transaction open, so its trigger's mark is not committed yet.
        await using var writer = new NpgsqlConnection(database.ConnectionString);
        await writer.OpenAsync(Cancellation);
        await using var change = await writer.BeginTransactionAsync(Cancellation);
        await using (var update = new NpgsqlCommand("UPDATE papers SET upvotes = 99 WHERE arxiv_id = '2611.00001'", writer, change))
            await update.ExecuteNonQueryAsync(Cancellation);

        // A reader ranks from what is committed, then waits on the writer's mark to store it.
        var reading = DayAsync(Monday);
        await Poll.UntilAsync(() => Sql.ScalarAsync<bool>(database.ConnectionString,
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO period_rankings%')"),
            "the reader waiting to store its ranking");
        await change.CommitAsync(Cancellation);

        Assert.Equal(["2611.00002", "2611.00003", "2611.00001"], await reading);
        Assert.False(await IsStoredAsync(PeriodKind.Day, Monday));
        Assert.Equal(["2611.00001", "2611.00002", "2611.00003"], await DayAsync(Monday));
    }
}
