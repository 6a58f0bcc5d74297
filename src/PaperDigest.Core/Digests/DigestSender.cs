using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using NpgsqlTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Sends an edition through the delivery ledger. Each run makes sure every active subscriber of the frequency has a
/// row, then claims rows a batch at a time (<c>FOR UPDATE SKIP LOCKED</c>, with a lease), so any number of runs and
/// instances share the work and a killed run's rows are picked up again once its lease ends. A row is marked sent in
/// the same commit that stores the email's link token, right after the server accepts the message.
/// </summary>
public sealed class DigestSender(
    PaperDigestDbContext db, TrendingPapers trending, DigestEditions editions, MailSenders mailSenders, MailComposer composer,
    PublicPageCache pageCache, IServiceProvider services, IOptions<DigestOptions> options, TimeProvider clock, ILogger<DigestSender> logger)
{
    private DigestOptions Options => options.Value;

    public async Task<DigestRun> RunAsync(DigestFrequency frequency, bool dryRun, CancellationToken cancellationToken)
    {
        if (await trending.LatestListingDayAsync(cancellationToken) is not { } editionDay)
            return new DigestRun(frequency, null, 0, 0, 0, 0);
        var edition = new Edition(frequency, editionDay, await editions.CandidatesAsync(frequency, editionDay, cancellationToken));
        if (dryRun)
            return await DryRunAsync(edition, cancellationToken);

        edition = edition with { Id = await EditionIdAsync(frequency, editionDay, cancellationToken) };
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, paper_ids)
            SELECT id, {edition.Id}, 'Pending', 0, ARRAY[]::text[] FROM subscribers WHERE status = 'Active' AND frequency = {frequency.ToString()}
            ON CONFLICT (subscriber_id, edition_id) DO NOTHING
            """, cancellationToken);

        // Editions an earlier run could not finish (the mail server went away) go first, so what they carry counts
        // as received when the new edition is chosen.
        var unfinished = await db.DigestEditions
            .Where(e => e.Frequency == frequency && e.LastDay < editionDay
                        && db.DigestDeliveries.Any(d => d.EditionId == e.Id && (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending)))
            .OrderBy(e => e.LastDay)
            .ToListAsync(cancellationToken);
        var totals = new DigestRun(frequency, editionDay, 0, 0, 0, 0);
        var deadline = clock.GetUtcNow() + Options.MaxRunTime;
        await using var sender = mailSenders.Create();
        // One connection for the whole run, so the statement that marks each message sent is prepared once.
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var closeConnection = new ConnectionCloser(db);
        await using var marker = await SentMarker.PrepareAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
        foreach (var earlier in unfinished)
        {
            var resumed = new Edition(frequency, earlier.LastDay, await editions.CandidatesAsync(frequency, earlier.LastDay, cancellationToken)) { Id = earlier.Id };
            totals = await SendEditionAsync(resumed, sender, marker, totals, deadline, cancellationToken);
            if (totals.Error is not null)
                break;
        }
        if (totals.Error is null)
            totals = await SendEditionAsync(edition, sender, marker, totals, deadline, cancellationToken);

        var deferred = await db.DigestDeliveries.CountAsync(d => (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending)
            && db.DigestEditions.Any(e => e.Id == d.EditionId && e.Frequency == frequency), cancellationToken);
        totals = totals with { Deferred = deferred };
        logger.Log(totals.Error is null ? LogLevel.Information : LogLevel.Error, "Digest run: {Summary}", totals.Describe(dryRun: false));
        return totals;
    }

    private async Task<DigestRun> SendEditionAsync(Edition edition, IMailSender sender, SentMarker marker, DigestRun totals, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ClaimAsync(edition.Id, cancellationToken);
            if (batch.Count == 0)
            {
                // Only messages waiting out a transient refusal may remain: wait for the earliest, within the run's time.
                var next = await db.DigestDeliveries.Where(d => d.EditionId == edition.Id && d.State == DeliveryState.Pending)
                    .MinAsync(d => d.RetryAfter, cancellationToken);
                if (next is null || next > deadline)
                    break;
                if (next > clock.GetUtcNow())
                    await Task.Delay(next.Value - clock.GetUtcNow(), clock, cancellationToken);
                continue;
            }
            // A renderer per batch: it keeps every component it rendered until it is disposed.
            await using var renderer = new DigestRenderer(services, services.GetRequiredService<ILoggerFactory>());
            var (outcome, error) = await SendBatchAsync(edition, batch, renderer, sender, marker, cancellationToken);
            totals = totals with { Sent = totals.Sent + outcome.Sent, Skipped = totals.Skipped + outcome.Skipped, Failed = totals.Failed + outcome.Failed };
            if (error is not null)
                return totals with { Error = error };
        }
        return totals;
    }

    // Three things overlap, so the mail connection is never idle: the next messages are rendered on another thread
    // while one is sent, and the row of the message just accepted is marked while the next one is sent. At most one
    // accepted message is ever unmarked, so a crash can repeat at most that one (with the same Message-ID).
    private async Task<(DigestRun Outcome, string? Error)> SendBatchAsync(Edition edition, IReadOnlyList<ClaimedRow> batch, DigestRenderer renderer,
        IMailSender sender, SentMarker marker, CancellationToken cancellationToken)
    {
        var readers = await ReadersAsync(edition, batch.Select(r => r.SubscriberId).ToArray(), cancellationToken);
        var chosen = batch.Select(row => (Row: row, Reader: readers.GetValueOrDefault(row.SubscriberId)))
            .Select(x => (x.Row, x.Reader, Papers: x.Reader is { Status: SubscriberStatus.Active } reader ? edition.Choose(reader) : []))
            .ToList();
        var skippedIds = chosen.Where(c => c.Papers.Count == 0).Select(c => c.Row.Id).ToArray();
        if (skippedIds.Length > 0)
            await db.Database.ExecuteSqlAsync($"UPDATE digest_deliveries SET state = 'Skipped', claimed_until = NULL WHERE id = ANY({skippedIds})", cancellationToken);

        var toSend = chosen.Where(c => c.Papers.Count > 0).ToList();
        var prepared = Channel.CreateBounded<PreparedDigest>(new BoundedChannelOptions(16) { SingleReader = true, SingleWriter = true });
        using var stopProducing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var (row, reader, papers) in toSend)
                {
                    var (token, hash) = LinkTokens.Create();
                    var body = await edition.BodyAsync(papers, renderer, composer.Site);
                    // The same Message-ID for every try of one subscriber's copy of one edition, so a resend is recognisable.
                    var message = composer.Compose(reader!.Email, body.Title, token, body.Encoded.WithToken(token),
                        $"digest-{edition.Frequency.ToString().ToLowerInvariant()}-{edition.Day:yyyyMMdd}-{reader.Id}");
                    await prepared.Writer.WriteAsync(new PreparedDigest(row, reader.Id, hash, papers.ToArray(), message), stopProducing.Token);
                }
                prepared.Writer.Complete();
            }
            catch (Exception exception)
            {
                prepared.Writer.Complete(exception);
            }
        }, CancellationToken.None);

        int sent = 0, failed = 0;
        var marking = Task.CompletedTask;
        var handled = 0;
        try
        {
            await foreach (var digest in prepared.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    await sender.SendAsync(digest.Message, cancellationToken);
                }
                catch (MailDeliveryException exception) when (exception.Failure == MailFailure.ServerUnavailable)
                {
                    await marking;
                    // Nothing more can go out now: the rest of the batch is handed back untouched for the next run.
                    var unsent = toSend.Skip(handled).Select(c => c.Row.Id).ToArray();
                    await db.Database.ExecuteSqlAsync($"""
                        UPDATE digest_deliveries SET state = 'Pending', claimed_until = NULL, attempts = greatest(attempts - 1, 0)
                        WHERE id = ANY({unsent}) AND state = 'Sending'
                        """, CancellationToken.None);
                    logger.LogError(exception, "Digest sending stopped: {Reason}", exception.Message);
                    return (new DigestRun(edition.Frequency, edition.Day, sent, skippedIds.Length, failed, 0), exception.Message);
                }
                catch (MailDeliveryException exception)
                {
                    await marking;
                    failed += await RecordFailureAsync(digest.Row, exception, cancellationToken) ? 1 : 0;
                    handled++;
                    continue;
                }
                await marking;
                marking = marker.MarkAsync(digest, clock.GetUtcNow());
                sent++;
                handled++;
            }
            await marking;
        }
        finally
        {
            await stopProducing.CancelAsync();
            await producer;
        }
        return (new DigestRun(edition.Frequency, edition.Day, sent, skippedIds.Length, failed, 0), null);
    }

    // The email's link token is stored with the mark: until then its links would not work, but it has only just left.
    private sealed class SentMarker : IAsyncDisposable
    {
        private readonly NpgsqlCommand command;

        private SentMarker(NpgsqlCommand command) => this.command = command;

        public static async Task<SentMarker> PrepareAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            var command = new NpgsqlCommand("""
                WITH token AS (INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, created_at) VALUES ($1, $2, 'Manage', $3))
                UPDATE digest_deliveries SET state = 'Sent', sent_at = $3, paper_ids = $4, claimed_until = NULL, error = NULL WHERE id = $5
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            await command.PrepareAsync(cancellationToken);
            return new SentMarker(command);
        }

        public Task<int> MarkAsync(PreparedDigest digest, DateTimeOffset now)
        {
            command.Parameters[0].Value = digest.TokenHash;
            command.Parameters[1].Value = digest.SubscriberId;
            command.Parameters[2].Value = now;
            command.Parameters[3].Value = digest.PaperIds;
            command.Parameters[4].Value = digest.Row.Id;
            return command.ExecuteNonQueryAsync(CancellationToken.None);
        }

        public ValueTask DisposeAsync() => command.DisposeAsync();
    }

    private sealed class ConnectionCloser(PaperDigestDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
    }

    private sealed record PreparedDigest(ClaimedRow Row, long SubscriberId, byte[] TokenHash, string[] PaperIds, MimeMessage Message);

    // Transient refusals wait and are tried again, up to MaxAttempts; permanent ones count against the address, which
    // is no longer mailed after Smtp:PermanentFailureLimit of them. True when the row is given up.
    private async Task<bool> RecordFailureAsync(ClaimedRow row, MailDeliveryException exception, CancellationToken cancellationToken)
    {
        var reason = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        if (exception.Failure == MailFailure.Transient && row.Attempts < Options.MaxAttempts)
        {
            var retryAfter = clock.GetUtcNow() + Options.RetryDelay * Math.Pow(2, row.Attempts - 1);
            logger.LogWarning("Digest {DeliveryId} deferred until {RetryAfter}: {Reason}", row.Id, retryAfter, reason);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE digest_deliveries SET state = 'Pending', claimed_until = NULL, retry_after = {retryAfter}, error = {reason} WHERE id = {row.Id}
                """, cancellationToken);
            return false;
        }
        logger.LogError("Digest {DeliveryId} to subscriber {SubscriberId} failed: {Reason}", row.Id, row.SubscriberId, reason);
        var limit = mailSenders.Options.PermanentFailureLimit;
        var permanent = exception.Failure == MailFailure.Permanent ? 1 : 0;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE digest_deliveries SET state = 'Failed', claimed_until = NULL, error = {reason} WHERE id = {row.Id};
            UPDATE subscribers SET permanent_failures = permanent_failures + {permanent},
                   status = CASE WHEN permanent_failures + {permanent} >= {limit} THEN 'Bounced' ELSE status END
            WHERE id = {row.SubscriberId};
            """, cancellationToken);
        return true;
    }

    private async Task<List<ClaimedRow>> ClaimAsync(long editionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseEnd = now + Options.ClaimLease;
        return await db.Database.SqlQuery<ClaimedRow>($"""
            UPDATE digest_deliveries d SET state = 'Sending', claimed_until = {leaseEnd}, attempts = d.attempts + 1
            WHERE d.id IN (
                SELECT id FROM digest_deliveries
                WHERE edition_id = {editionId}
                  AND ((state = 'Pending' AND (retry_after IS NULL OR retry_after <= {now})) OR (state = 'Sending' AND claimed_until < {now}))
                ORDER BY id LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING d.id, d.subscriber_id, d.attempts
            """).ToListAsync(cancellationToken);
    }

    private async Task<long> EditionIdAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ({frequency.ToString()}, {day}, {now})
            ON CONFLICT (frequency, last_day) DO NOTHING
            """, cancellationToken);
        if (created > 0)
            await pageCache.EvictAsync(cancellationToken);   // the archive lists editions
        return await db.DigestEditions.Where(e => e.Frequency == frequency && e.LastDay == day).Select(e => e.Id).SingleAsync(cancellationToken);
    }

    private async Task<Dictionary<long, Reader>> ReadersAsync(Edition edition, long[] subscriberIds, CancellationToken cancellationToken)
    {
        var subscribers = await db.Subscribers.AsNoTracking().Where(s => subscriberIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Email, s.Status, s.Preferences }).ToListAsync(cancellationToken);
        var received = (await db.Database.SqlQuery<ReceivedPaper>($"""
                SELECT d.subscriber_id, paper AS arxiv_id
                FROM digest_deliveries d, unnest(d.paper_ids) AS paper
                WHERE d.subscriber_id = ANY({subscriberIds}) AND d.state = 'Sent'
                """).ToListAsync(cancellationToken))
            .ToLookup(r => r.SubscriberId, r => r.ArxivId);
        var frequency = edition.Frequency.ToString();
        var previousDays = await db.Database.SqlQuery<PreviousDigest>($"""
                SELECT d.subscriber_id, max(e.last_day) AS last_day
                FROM digest_deliveries d JOIN digest_editions e ON e.id = d.edition_id
                WHERE d.subscriber_id = ANY({subscriberIds}) AND d.state IN ('Sent', 'Skipped') AND e.frequency = {frequency} AND e.last_day < {edition.Day}
                GROUP BY d.subscriber_id
                """).ToDictionaryAsync(p => p.SubscriberId, p => p.LastDay, cancellationToken);
        return subscribers.ToDictionary(s => s.Id, s => new Reader(s.Id, s.Email, s.Status, s.Preferences,
            received[s.Id].ToHashSet(StringComparer.Ordinal), previousDays.TryGetValue(s.Id, out var last) ? last : null));
    }

    // Counts what a run would send, reading subscribers a batch at a time and writing nothing.
    private async Task<DigestRun> DryRunAsync(Edition edition, CancellationToken cancellationToken)
    {
        int wouldSend = 0, skipped = 0;
        var frequency = edition.Frequency;
        long after = 0;
        while (true)
        {
            var ids = await db.Subscribers.Where(s => s.Status == SubscriberStatus.Active && s.Preferences.Frequency == frequency && s.Id > after)
                .OrderBy(s => s.Id).Select(s => s.Id).Take(Options.BatchSize).ToArrayAsync(cancellationToken);
            if (ids.Length == 0)
                break;
            after = ids[^1];
            foreach (var reader in (await ReadersAsync(edition, ids, cancellationToken)).Values)
            {
                if (edition.Choose(reader).Count > 0)
                    wouldSend++;
                else
                    skipped++;
            }
        }
        return new DigestRun(frequency, edition.Day, wouldSend, skipped, 0, 0);
    }

    private sealed record Edition(DigestFrequency Frequency, DateOnly Day, DigestCandidates Candidates)
    {
        private const int MaxCachedBodies = 10_000;
        // Subscribers with the same filters get the same papers: each distinct selection is rendered and encoded once
        // a run, with a placeholder where each reader's own link token goes.
        private readonly Dictionary<string, (string Title, PreEncodedBody Encoded)> bodies = new(StringComparer.Ordinal);

        public long Id { get; init; }

        public List<string> Choose(Reader reader) => Candidates.Choose(reader.Preferences, reader.PreviousDigestDay, reader.Received);

        public async Task<(string Title, PreEncodedBody Encoded)> BodyAsync(List<string> papers, DigestRenderer renderer, SiteOptions site)
        {
            var key = string.Join(' ', papers);
            if (bodies.TryGetValue(key, out var body))
                return body;
            if (bodies.Count >= MaxCachedBodies)
                bodies.Clear();
            var content = Candidates.WithPapers(papers, site.Link($"subscription/{LinkTokens.Placeholder}"));
            return bodies[key] = (content.Title, PreEncodedBody.Encode(await renderer.RenderHtmlAsync(content), DigestText.Render(content), LinkTokens.Placeholder));
        }
    }

    private sealed record Reader(long Id, string Email, SubscriberStatus Status, SubscriberPreferences Preferences, HashSet<string> Received, DateOnly? PreviousDigestDay);

    private sealed record ClaimedRow(long Id, long SubscriberId, int Attempts);

    private sealed record ReceivedPaper(long SubscriberId, string ArxivId);

    private sealed record PreviousDigest(long SubscriberId, DateOnly LastDay);
}
