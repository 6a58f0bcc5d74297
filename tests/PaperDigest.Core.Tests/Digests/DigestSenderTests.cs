using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Digests;

/// <summary>The digest sender against real PostgreSQL and a real SMTP server: what goes in, and the ledger under faults.</summary>
public sealed class DigestSenderTests(TestDatabase database, TestSmtpServer smtp) : IClassFixture<TestDatabase>, IClassFixture<TestSmtpServer>, IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private readonly ShiftedClock clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private ServiceProvider? services;

    public async ValueTask InitializeAsync()
    {
        await database.ResetAsync();
        smtp.Reset();
        var settings = smtp.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Digests:RetryDelay"] = "00:00:00.100";
        services = CoreServices.CreateDigests(database.ConnectionString, settings, clock);
        // Papers listed yesterday and today; upvotes decide the order (same age within a day).
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO papers (arxiv_id, title, abstract, authors, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00001', 'Robot hands', 'Grasping.', '{"{"}"Ada","Grace","Alan","Edsger"{"}"}', now(), now(), 50, 1),
              ('2611.00002', 'Language models', 'Tokens.', '{"{"}"Barbara"{"}"}', now(), now(), 30, 0),
              ('2611.00003', 'Yesterday''s star', 'Old news.', '{"{"}"Ken"{"}"}', now(), now(), 100, 0),
              ('2611.00004', 'Barely noticed', 'Quiet.', '{"{"}"Niklaus"{"}"}', now(), now(), 5, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00001', 'huggingface', '{Today:yyyy-MM-dd}', 1, 'New'),
              ('2611.00002', 'huggingface', '{Today:yyyy-MM-dd}', 2, 'New'),
              ('2611.00004', 'huggingface', '{Today:yyyy-MM-dd}', 3, 'New'),
              ('2611.00003', 'huggingface', '{Today.AddDays(-1):yyyy-MM-dd}', 1, 'New');
            INSERT INTO tags (slug, name) VALUES ('robotics', 'Robotics') ON CONFLICT (slug) DO NOTHING;
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT '2611.00001', id, 'Rule' FROM tags WHERE slug = 'robotics';
            """);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
            await services.DisposeAsync();
    }

    private Task<long> SubscriberAsync(string email, string frequency = "Daily", string[]? tags = null, int minUpvotes = 0, int maxPapers = 10,
        string status = "Active") =>
        Sql.InsertSubscriberAsync(database.ConnectionString, email, status, frequency, tags, minUpvotes, maxPapers);

    private async Task<DigestRun> RunAsync(DigestFrequency frequency = DigestFrequency.Daily, bool dryRun = false)
    {
        await using var scope = services!.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(frequency, dryRun, TestContext.Current.CancellationToken);
    }

    private List<string> PapersMailedTo(string email) => smtp.Received
        .Where(m => m.To.Mailboxes.Any(b => b.Address == email))
        .SelectMany(m => System.Text.RegularExpressions.Regex.Matches(m.TextBody ?? "", @"papers/(\d{4}\.\d{5})").Select(x => x.Groups[1].Value))
        .ToList();

    [Fact]
    public async Task AReaderWhoAskedForArxivGetsItsNewPapersAfterTheCuratedOnesAndNeverAPaperTwice()
    {
        // arXiv announced three papers today: one Hugging Face also picked, two only arXiv has.
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO papers (arxiv_id, title, abstract, authors, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2611.00010', 'Firehose one', 'First.', '{"{"}"Lin"{"}"}', now(), now(), 0, 0),
              ('2611.00011', 'Firehose two', 'Second.', '{"{"}"Mo"{"}"}', now(), now(), 0, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00001', 'arxiv:cs.RO', '{Today:yyyy-MM-dd}', 1, 'New'),
              ('2611.00010', 'arxiv:cs.RO', '{Today:yyyy-MM-dd}', 2, 'New'),
              ('2611.00011', 'arxiv:cs.RO', '{Today:yyyy-MM-dd}', 3, 'CrossList');
            """);
        var reader = await SubscriberAsync("both@example.com", maxPapers: 2);
        await Sql.ExecuteAsync(database.ConnectionString, $"UPDATE subscribers SET arxiv_papers = 5 WHERE id = {reader}");
        await SubscriberAsync("curated@example.com", maxPapers: 2);

        await RunAsync();

        Assert.Equal(["2611.00001", "2611.00002", "2611.00010", "2611.00011"], PapersMailedTo("both@example.com"));
        Assert.Equal(["2611.00001", "2611.00002"], PapersMailedTo("curated@example.com"));
        var message = smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == "both@example.com"));
        Assert.Equal("PaperDigest daily: 4 papers from 26 November 2026", message.Subject);
        Assert.Contains(DigestContent.ArxivHeading, message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(DigestContent.ArxivHeading.ToUpperInvariant(), message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(DigestContent.ArxivHeading, smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == "curated@example.com")).HtmlBody, StringComparison.Ordinal);

        // The next day's edition finds nothing new for either: nothing they had is sent again, from either part.
        clock.Advance(TimeSpan.FromDays(1));
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00010', 'arxiv:cs.RO', '{Today.AddDays(1):yyyy-MM-dd}', 1, 'New'), ('2611.00002', 'huggingface', '{Today.AddDays(1):yyyy-MM-dd}', 1, 'New');
            """);
        var next = await RunAsync();

        Assert.Equal(0, next.Sent);
        Assert.Equal(4, PapersMailedTo("both@example.com").Count);
    }

    [Fact]
    public async Task EachSubscriberGetsTheirTopPapersByScoreFilteredByTagsAndUpvotesInOneEmailWithBothPartsAndTheListHeaders()
    {
        await SubscriberAsync("all@example.com", maxPapers: 2);
        await SubscriberAsync("robots@example.com", tags: ["robotics"]);
        await SubscriberAsync("picky@example.com", minUpvotes: 40);
        await SubscriberAsync("paused@example.com", status: "Paused");

        var run = await RunAsync();

        Assert.Equal((3, 0, 0, 0), (run.Sent, run.Skipped, run.Failed, run.Deferred));
        // A first daily digest covers the edition's own day: yesterday's paper is not new to this subscriber.
        Assert.Equal(["2611.00001", "2611.00002"], PapersMailedTo("all@example.com"));
        Assert.Equal(["2611.00001"], PapersMailedTo("robots@example.com"));
        Assert.Equal(["2611.00001"], PapersMailedTo("picky@example.com"));
        Assert.Empty(PapersMailedTo("paused@example.com"));
        var message = smtp.Received.First(m => m.To.Mailboxes.Any(b => b.Address == "all@example.com"));
        Assert.Equal("PaperDigest daily: 2 papers from 26 November 2026", message.Subject);
        Assert.Contains("Robot hands", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ada, Grace, Alan +1", message.TextBody, StringComparison.Ordinal);
        // Counts in the right number, and the text part says how the papers were ranked, as the HTML part does.
        Assert.Contains("▲ 50 upvotes · 1 comment ·", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("▲ 30 upvotes · 0 comments ·", message.TextBody, StringComparison.Ordinal);
        // Each paper says why it is there (this reader said nothing and follows no tag: trending).
        Assert.Contains("1 comment · trending<", System.Net.WebUtility.HtmlDecode(message.HtmlBody), StringComparison.Ordinal);
        Assert.Contains("Ranked by the trending score: upvotes, comments, GitHub stars", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://paperdigest.test/papers/trending", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Matches(@"^<https://paperdigest\.test/subscription/[A-Za-z0-9_-]{43}/unsubscribe>, <mailto:", message.Headers["List-Unsubscribe"]);
        Assert.StartsWith("digest-daily-20261126-", message.MessageId, StringComparison.Ordinal);
        // Each reader's own page link is in both parts, and it is the token of the unsubscribe header.
        var token = System.Text.RegularExpressions.Regex.Match(message.Headers["List-Unsubscribe"] ?? "", "subscription/([^/]+)/unsubscribe").Groups[1].Value;
        Assert.Contains($"https://paperdigest.test/subscription/{token}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://paperdigest.test/subscription/{token}", message.HtmlBody, StringComparison.Ordinal);
        Assert.NotEqual(token, PapersMailedToken("robots@example.com"));
    }

    [Fact]
    public async Task AHiddenPaperIsLeftOutOfTheNextDigestAndItsPlaceGoesToTheNextBest()
    {
        await SubscriberAsync("all@example.com", maxPapers: 2);
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE papers SET hidden_at = now() WHERE arxiv_id = '2611.00001'");

        var run = await RunAsync();

        Assert.Equal(1, run.Sent);
        Assert.Equal(["2611.00002", "2611.00004"], PapersMailedTo("all@example.com"));
    }

    [Fact]
    public async Task AnEditedTitleIsWhatTheNextDigestSays()
    {
        await SubscriberAsync("all@example.com", maxPapers: 1);
        await using (var scope = services!.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PaperDigest.Core.Data.PaperDigestDbContext>();
            var editing = new PaperDigest.Core.Papers.Curation.PaperEditing(db, new PaperDigest.Core.Admin.AuditLog(db, TimeProvider.System), new PaperDigest.Core.Papers.PublicPageCache(), TimeProvider.System);
            Assert.True((await editing.SaveAsync("curator@example.com", "2611.00001",
                new Dictionary<PaperDigest.Core.Papers.EditableField, string?> { [PaperDigest.Core.Papers.EditableField.Title] = "Robot hands, corrected" },
                TestContext.Current.CancellationToken)).Succeeded);
        }

        await RunAsync();

        var message = smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == "all@example.com"));
        Assert.Contains("Robot hands, corrected", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Robot hands, corrected", message.HtmlBody, StringComparison.Ordinal);
    }

    private string PapersMailedToken(string email) => System.Text.RegularExpressions.Regex.Match(
        smtp.Received.Single(m => m.To.Mailboxes.Any(b => b.Address == email)).TextBody ?? "", "subscription/([A-Za-z0-9_-]{43})").Groups[1].Value;

    [Fact]
    public async Task AWeeklyDigestCoversSevenDaysAndARerunSendsNothingTwice()
    {
        await SubscriberAsync("weekly@example.com", frequency: "Weekly");

        var first = await RunAsync(DigestFrequency.Weekly);
        var again = await RunAsync(DigestFrequency.Weekly);

        Assert.Equal(1, first.Sent);
        Assert.Equal((0, 0), (again.Sent, again.Deferred));
        // Yesterday's paper has the most upvotes, but a day more of age weighs it below today's two best.
        Assert.Equal(["2611.00001", "2611.00002", "2611.00003", "2611.00004"], PapersMailedTo("weekly@example.com"));
    }

    [Fact]
    public async Task NothingNewMeansNothingSentAndAReceivedPaperIsNeverSentAgain()
    {
        await SubscriberAsync("daily@example.com");
        await RunAsync();
        // The weekend: no new listing day, so the next runs find the same edition, already delivered.
        clock.Advance(TimeSpan.FromDays(1));
        var saturday = await RunAsync();
        // Monday: a new day that re-lists a paper already sent, and one new paper.
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO papers (arxiv_id, title, abstract, first_seen_at, updated_at, upvotes, comments) VALUES ('2611.00005', 'Monday', 'New.', now(), now(), 1, 0);
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES
              ('2611.00001', 'huggingface', '{Today.AddDays(3):yyyy-MM-dd}', 1, 'New'),
              ('2611.00005', 'huggingface', '{Today.AddDays(3):yyyy-MM-dd}', 2, 'New');
            """);
        clock.Advance(TimeSpan.FromDays(2));
        var monday = await RunAsync();

        Assert.Equal((0, 0), (saturday.Sent, saturday.Skipped));
        Assert.Equal(1, monday.Sent);
        Assert.Equal(["2611.00001", "2611.00002", "2611.00004", "2611.00005"], PapersMailedTo("daily@example.com"));
    }

    [Fact]
    public async Task ASubscriberWithNothingMatchingIsSkippedNotMailed()
    {
        await SubscriberAsync("nothing@example.com", minUpvotes: 1000);

        var run = await RunAsync();

        Assert.Equal((0, 1), (run.Sent, run.Skipped));
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task ADryRunCountsWithoutSendingOrWriting()
    {
        await SubscriberAsync("dry@example.com");

        var run = await RunAsync(dryRun: true);

        Assert.Equal(1, run.Sent);
        Assert.Empty(smtp.Received);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM digest_deliveries"));
    }

    [Fact]
    public async Task ATransientRefusalIsRetriedAndTheMessageArrivesOnce()
    {
        await SubscriberAsync("flaky@example.com");
        smtp.Reply = offered => offered == 1 ? 451 : 250;

        var run = await RunAsync();

        Assert.Equal(1, run.Sent);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task RefusalsForNowAreDeferredByTheLedgerAndTriedAgainWithinTheRunNotLost()
    {
        await SubscriberAsync("busy@example.com");
        // The sender reports each refusal at once; the ledger alone defers the row, with doubling waits, and the run
        // tries it again while it waits within Digests:MaxRunTime.
        smtp.Reply = offered => offered <= 4 ? 452 : 250;

        var run = await RunAsync();

        Assert.Equal((1, 0), (run.Sent, run.Deferred));
        Assert.Equal(5, smtp.Offered);
        Assert.Single(smtp.Received);
        Assert.Equal(5, await Sql.ScalarAsync<int>(database.ConnectionString, "SELECT attempts FROM digest_deliveries"));
    }

    [Fact]
    public async Task PermanentRefusalsFailTheMessageAndEnoughOfThemStopMailToTheAddress()
    {
        var id = await SubscriberAsync("gone@example.com");
        await Sql.ExecuteAsync(database.ConnectionString, $"UPDATE subscribers SET permanent_failures = 2 WHERE id = {id}");
        smtp.Reply = _ => 550;

        var run = await RunAsync();

        Assert.Equal((0, 1), (run.Sent, run.Failed));
        Assert.Equal("Bounced", await Sql.ScalarAsync<string>(database.ConnectionString, $"SELECT status FROM subscribers WHERE id = {id}"));
        Assert.Equal("Failed", await Sql.ScalarAsync<string>(database.ConnectionString, "SELECT state FROM digest_deliveries"));
    }

    [Fact]
    public async Task WhenTheServerIsDownTheRunStopsWithAReasonAndTheNextRunSendsEverything()
    {
        await SubscriberAsync("one@example.com");
        await SubscriberAsync("two@example.com");
        var settings = smtp.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Smtp:Port"] = "1";   // nothing listens there
        await using (var down = CoreServices.CreateDigests(database.ConnectionString, settings, clock))
        await using (var scope = down.CreateAsyncScope())
        {
            var failed = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, false, TestContext.Current.CancellationToken);
            Assert.Equal((0, 2), (failed.Sent, failed.Deferred));
            Assert.Contains("could not be used", failed.Error, StringComparison.Ordinal);
        }

        var resumed = await RunAsync();

        Assert.Equal(2, resumed.Sent);
        Assert.Equal(2, smtp.Received.Count);
    }

    [Fact]
    public async Task WhenTheServerGoesAwayMidRunWhatItAcceptedStaysSentAndTheRestGoesOutWhenAServerIsBack()
    {
        for (var i = 0; i < 5; i++)
            await SubscriberAsync($"reader{i}@example.com");
        await using var vanishing = new TestSmtpServer();
        // The third message's data arrives and the server goes away instead of answering: the connection is reset,
        // and so is the sender's attempt to reconnect.
        vanishing.BeforeReplying = async (number, cancellationToken) =>
        {
            if (number < 3)
                return;
            vanishing.GoAway();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        };
        var settings = vanishing.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        DigestRun stopped;
        await using (var first = CoreServices.CreateDigests(database.ConnectionString, settings, clock))
        await using (var scope = first.CreateAsyncScope())
            stopped = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, false, TestContext.Current.CancellationToken);

        var resumed = await RunAsync();

        Assert.Contains("could not be used", stopped.Error, StringComparison.Ordinal);
        Assert.Equal((3, 0), (resumed.Sent, resumed.Deferred));
        var recipients = vanishing.Received.Concat(smtp.Received).Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"reader{i}@example.com"), recipients);
    }

    [Fact]
    public async Task AConnectionTheServerDropsMidRunIsReopenedAndTheRunCarriesOn()
    {
        for (var i = 0; i < 5; i++)
            await SubscriberAsync($"reader{i}@example.com");
        smtp.BeforeReplying = (number, _) =>
        {
            if (number == 3)
                smtp.DropConnections();
            return Task.CompletedTask;
        };

        var run = await RunAsync();

        Assert.Equal((5, 0, null), (run.Sent, run.Deferred, run.Error));
        Assert.Equal(5, smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Fact]
    public async Task AnEditionLeftUnfinishedIsSentBeforeTheNextOneWithoutRepeatingItsPapers()
    {
        await SubscriberAsync("late@example.com");
        var settings = smtp.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Smtp:Port"] = "1";
        await using (var down = CoreServices.CreateDigests(database.ConnectionString, settings, clock))
        await using (var scope = down.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, false, TestContext.Current.CancellationToken);
        // The next day is listed before the server is back; it re-lists one of the unsent papers.
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2611.00002', 'huggingface', '{Today.AddDays(1):yyyy-MM-dd}', 1, 'New');
            """);
        clock.Advance(TimeSpan.FromDays(1));

        var run = await RunAsync();

        // The late edition goes out; the new one would only repeat a paper it carried, so it is skipped.
        Assert.Equal((1, 1, 0), (run.Sent, run.Skipped, run.Deferred));
        Assert.Equal(["2611.00001", "2611.00002", "2611.00004"], PapersMailedTo("late@example.com"));
        Assert.StartsWith("digest-daily-20261126-", smtp.Received.Single().MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowsClaimedByASenderThatDiedAreSentOnceTheirLeaseEnds()
    {
        await SubscriberAsync("crash@example.com");
        await RunAsync(dryRun: true);
        // A sender claimed the row and died before sending: the row is Sending with a lease.
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ('Daily', '{Today:yyyy-MM-dd}', now());
            INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, claimed_until, paper_ids)
            SELECT s.id, e.id, 'Sending', 1, '{clock.GetUtcNow().AddMinutes(10):O}', ARRAY[]::text[] FROM subscribers s, digest_editions e;
            """);

        var whileLeased = await RunAsync();
        clock.Advance(TimeSpan.FromMinutes(11));
        var afterLease = await RunAsync();

        Assert.Equal((0, 1), (whileLeased.Sent, whileLeased.Deferred));
        Assert.Equal(1, afterLease.Sent);
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task TwoSendersRacingOnOneEditionMailEachSubscriberExactlyOnce()
    {
        for (var i = 0; i < 40; i++)
            await SubscriberAsync($"race{i}@example.com");
        var settings = smtp.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Digests:BatchSize"] = "5";
        await using var other = CoreServices.CreateDigests(database.ConnectionString, settings, clock);

        async Task<DigestRun> RunWith(ServiceProvider provider)
        {
            await using var scope = provider.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, false, TestContext.Current.CancellationToken);
        }
        var runs = await Task.WhenAll(RunWith(other), RunWith(services!), RunWith(other));

        Assert.Equal(40, runs.Sum(r => r.Sent));
        Assert.Equal(40, smtp.Received.Count);
        Assert.Equal(40, smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }
}
