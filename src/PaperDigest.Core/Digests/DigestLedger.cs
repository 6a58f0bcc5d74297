using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PaperDigest.Core.Data;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Every read and write of the delivery ledger (<c>digest_editions</c>, <c>digest_deliveries</c>): one row per
/// subscriber and edition, claimed a batch at a time with <c>FOR UPDATE SKIP LOCKED</c> and a lease, so any number of
/// runs and instances share an edition and a killed run's rows are picked up again once its lease ends.
/// </summary>
public sealed class DigestLedger(PaperDigestDbContext db, PublicPageCache pageCache, IOptions<DigestOptions> options, IOptions<MailOptions> mail,
    TimeProvider clock, ILogger<DigestLedger> logger,
    Interests.InterestProfiles interests)
{
    private DigestOptions Options => options.Value;

    /// <summary>The edition's id, creating the edition (and a row for every active subscriber of its frequency) if needed.</summary>
    internal async Task<long> OpenEditionAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var created = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ({frequency.ToString()}, {day}, {now})
            ON CONFLICT (frequency, last_day) DO NOTHING
            """, cancellationToken);
        if (created > 0)
            await pageCache.EvictAsync([PageTags.Lists], cancellationToken);   // the archive lists editions
        var id = await db.DigestEditions.Where(e => e.Frequency == frequency && e.LastDay == day).Select(e => e.Id).SingleAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, paper_ids)
            SELECT id, {id}, {nameof(DeliveryState.Pending)}, 0, ARRAY[]::text[] FROM subscribers WHERE status = {nameof(SubscriberStatus.Active)} AND frequency = {frequency.ToString()}
            ON CONFLICT (subscriber_id, edition_id) DO NOTHING
            """, cancellationToken);
        return id;
    }

    /// <summary>Earlier editions of the frequency that still have messages to send (a run stopped when the mail server went away).</summary>
    internal Task<List<DigestEdition>> UnfinishedBeforeAsync(DigestFrequency frequency, DateOnly day, CancellationToken cancellationToken) =>
        db.DigestEditions
            .Where(e => e.Frequency == frequency && e.LastDay < day
                        && db.DigestDeliveries.Any(d => d.EditionId == e.Id && (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending)))
            .OrderBy(e => e.LastDay)
            .ToListAsync(cancellationToken);

    internal Task<int> CountUnfinishedAsync(DigestFrequency frequency, CancellationToken cancellationToken) =>
        db.DigestDeliveries.CountAsync(d => (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending)
            && db.DigestEditions.Any(e => e.Id == d.EditionId && e.Frequency == frequency), cancellationToken);

    internal async Task<List<ClaimedRow>> ClaimAsync(long editionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Database.SqlQueryRaw<ClaimedRow>(ClaimStatement,
                new NpgsqlParameter("lease_end", now + Options.ClaimLease), new NpgsqlParameter("edition_id", editionId),
                new NpgsqlParameter("now", now), new NpgsqlParameter("batch", Options.BatchSize))
            .ToListAsync(cancellationToken);
    }

    // The claim names the states as literals, not parameters, so that the planner can prove its condition implies the
    // filter of the partial index on unfinished rows (DigestConfiguration), which is written from the same names.
    private const string Pending = nameof(DeliveryState.Pending);
    private const string Sending = nameof(DeliveryState.Sending);
    internal const string UnfinishedFilter = $"state IN ('{Pending}', '{Sending}')";
    private const string ClaimStatement = $"""
        UPDATE digest_deliveries d SET state = '{Sending}', claimed_until = @lease_end, attempts = d.attempts + 1
        WHERE d.id IN (
            SELECT id FROM digest_deliveries
            WHERE edition_id = @edition_id
              AND ((state = '{Pending}' AND (retry_after IS NULL OR retry_after <= @now)) OR (state = '{Sending}' AND claimed_until < @now))
            ORDER BY id LIMIT @batch
            FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.subscriber_id, d.attempts
        """;

    /// <summary>When the earliest message of the edition that is waiting out a transient refusal may be tried again.</summary>
    internal Task<DateTimeOffset?> NextRetryAsync(long editionId, CancellationToken cancellationToken) =>
        db.DigestDeliveries.Where(d => d.EditionId == editionId && d.State == DeliveryState.Pending).MinAsync(d => d.RetryAfter, cancellationToken);

    internal Task MarkSkippedAsync(long[] rowIds, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"UPDATE digest_deliveries SET state = {nameof(DeliveryState.Skipped)}, claimed_until = NULL WHERE id = ANY({rowIds})", cancellationToken);

    /// <summary>Returns claimed rows untouched, for the next run (the claim's attempt is not counted).</summary>
    internal Task HandBackAsync(long[] rowIds) => db.Database.ExecuteSqlAsync($"""
        UPDATE digest_deliveries SET state = {nameof(DeliveryState.Pending)}, claimed_until = NULL, attempts = greatest(attempts - 1, 0)
        WHERE id = ANY({rowIds}) AND state = {nameof(DeliveryState.Sending)}
        """, CancellationToken.None);

    // Transient refusals wait and are tried again, up to MaxAttempts; permanent ones count against the address, which
    // is no longer mailed after Smtp:PermanentFailureLimit of them. True when the row is given up.
    internal async Task<bool> RecordFailureAsync(ClaimedRow row, MailDeliveryException exception, CancellationToken cancellationToken)
    {
        var reason = exception.Message.Length > 1000 ? exception.Message[..1000] : exception.Message;
        if (exception.Failure == MailFailure.Transient && row.Attempts < Options.MaxAttempts)
        {
            var retryAfter = clock.GetUtcNow() + Options.WaitAfter(row.Attempts);
            logger.LogWarning("Digest {DeliveryId} deferred until {RetryAfter}: {Reason}", row.Id, retryAfter, reason);
            await db.Database.ExecuteSqlAsync($"""
                UPDATE digest_deliveries SET state = {nameof(DeliveryState.Pending)}, claimed_until = NULL, retry_after = {retryAfter}, error = {reason} WHERE id = {row.Id}
                """, cancellationToken);
            return false;
        }
        logger.LogError("Digest {DeliveryId} to subscriber {SubscriberId} failed: {Reason}", row.Id, row.SubscriberId, reason);
        var limit = mail.Value.PermanentFailureLimit;
        var permanent = exception.Failure == MailFailure.Permanent ? 1 : 0;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE digest_deliveries SET state = {nameof(DeliveryState.Failed)}, claimed_until = NULL, error = {reason} WHERE id = {row.Id};
            UPDATE subscribers SET permanent_failures = permanent_failures + {permanent},
                   status = CASE WHEN permanent_failures + {permanent} >= {limit} THEN {nameof(SubscriberStatus.Bounced)} ELSE status END
            WHERE id = {row.SubscriberId};
            """, cancellationToken);
        return true;
    }

    /// <summary>
    /// Stores, for a batch about to be sent, each email's link token (so its links work the moment it arrives) and the
    /// papers it carries (which count as received only once its row is marked sent).
    /// </summary>
    internal Task StoreLinksAndPapersAsync(IReadOnlyList<OutgoingDigest> digests, CancellationToken cancellationToken)
    {
        var hashes = new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = digests.Select(d => d.Link.Hash).ToArray() };
        var subscriberIds = digests.Select(d => d.Reader.Id).ToArray();
        var rowIds = digests.Select(d => d.Row.Id).ToArray();
        // Arrays of unequal length cannot be unnested, so each row's papers travel as one space-separated string.
        var papers = digests.Select(d => string.Join(' ', d.Papers.All)).ToArray();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, created_at)
            SELECT hash, subscriber_id, {nameof(TokenPurpose.Manage)}, {clock.GetUtcNow()} FROM unnest({hashes}, {subscriberIds}) AS t(hash, subscriber_id);
            UPDATE digest_deliveries d SET paper_ids = string_to_array(p.papers, ' ')
            FROM unnest({rowIds}, {papers}) AS p(id, papers) WHERE d.id = p.id;
            """, cancellationToken);
    }

    /// <summary>
    /// Keeps the context's connection open until disposed, with the statement that marks a message sent prepared on
    /// it once for the whole run.
    /// </summary>
    internal async Task<SentMarker> OpenSentMarkerAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await SentMarker.PrepareAsync(db, cancellationToken);
    }

    /// <summary>Subscribers of the claimed rows, with the papers they have received and the last day their previous digest covered.</summary>
    internal async Task<Dictionary<long, Reader>> ReadersAsync(DigestFrequency frequency, DateOnly editionDay, long[] subscriberIds,
        CancellationToken cancellationToken)
    {
        var subscribers = await db.Subscribers.AsNoTracking().Where(s => subscriberIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Email, s.Status, s.Preferences }).ToListAsync(cancellationToken);
        var received = (await db.Database.SqlQuery<ReceivedPaper>($"""
                SELECT d.subscriber_id, paper AS arxiv_id
                FROM digest_deliveries d, unnest(d.paper_ids) AS paper
                WHERE d.subscriber_id = ANY({subscriberIds}) AND d.state = {nameof(DeliveryState.Sent)}
                """).ToListAsync(cancellationToken))
            .ToLookup(r => r.SubscriberId, r => r.ArxivId);
        var previousDays = await db.Database.SqlQuery<PreviousDigest>($"""
                SELECT d.subscriber_id, max(e.last_day) AS last_day
                FROM digest_deliveries d JOIN digest_editions e ON e.id = d.edition_id
                WHERE d.subscriber_id = ANY({subscriberIds}) AND d.state IN ({nameof(DeliveryState.Sent)}, {nameof(DeliveryState.Skipped)}) AND e.frequency = {frequency.ToString()} AND e.last_day < {editionDay}
                GROUP BY d.subscriber_id
                """).ToDictionaryAsync(p => p.SubscriberId, p => p.LastDay, cancellationToken);
        var profiles = await interests.ForSubscribersAsync(subscribers.ToDictionary(s => s.Id, s => s.Preferences), cancellationToken);
        return subscribers.ToDictionary(s => s.Id, s => new Reader(s.Id, s.Email, s.Status, s.Preferences,
            received[s.Id].ToHashSet(StringComparer.Ordinal), previousDays.TryGetValue(s.Id, out var last) ? last : null, profiles[s.Id]));
    }

    /// <summary>Active subscribers of the frequency, a batch of ids at a time, in id order (for the dry run).</summary>
    internal Task<long[]> ActiveSubscribersAfterAsync(DigestFrequency frequency, long after, CancellationToken cancellationToken) =>
        db.Subscribers.Where(s => s.Status == SubscriberStatus.Active && s.Preferences.Frequency == frequency && s.Id > after)
            .OrderBy(s => s.Id).Select(s => s.Id).Take(Options.BatchSize).ToArrayAsync(cancellationToken);

    private sealed record ReceivedPaper(long SubscriberId, string ArxivId);

    private sealed record PreviousDigest(long SubscriberId, DateOnly LastDay);
}

internal sealed record ClaimedRow(long Id, long SubscriberId, int Attempts);

internal sealed record Reader(long Id, string Email, SubscriberStatus Status, SubscriberPreferences Preferences, HashSet<string> Received, DateOnly? PreviousDigestDay,
    Interests.InterestProfile Interest);

/// <summary>
/// Marks messages sent one at a time, with the statement prepared once a run on the context's connection (committed
/// asynchronously, see <see cref="PrepareAsync"/>), which it closes when disposed.
/// </summary>
internal sealed class SentMarker : IAsyncDisposable
{
    private readonly PaperDigestDbContext db;
    private readonly NpgsqlCommand command;

    private SentMarker(PaperDigestDbContext db, NpgsqlCommand command) => (this.db, this.command) = (db, command);

    public static async Task<SentMarker> PrepareAsync(PaperDigestDbContext db, CancellationToken cancellationToken)
    {
        // A mark is the one write per message. Its commit need not wait for the WAL to reach the disk: if the app dies,
        // PostgreSQL still has it; only a crash of the database server itself could lose the last fraction of a
        // second of marks, and then those few messages are sent again (same Message-ID), never lost. Claims and
        // everything else keep full durability: the setting is the session's, and Npgsql's reset of a connection
        // returned to the pool (RESET ALL) ends it.
        await db.Database.ExecuteSqlRawAsync("SET synchronous_commit TO off", cancellationToken);
        var command = new NpgsqlCommand("UPDATE digest_deliveries SET state = '" + nameof(DeliveryState.Sent) + "', sent_at = $1, claimed_until = NULL, error = NULL WHERE id = $2",
            (NpgsqlConnection)db.Database.GetDbConnection());
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
        await command.PrepareAsync(cancellationToken);
        return new SentMarker(db, command);
    }

    public Task<int> MarkSentAsync(long rowId, DateTimeOffset now)
    {
        command.Parameters[0].Value = now;
        command.Parameters[1].Value = rowId;
        return command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await command.DisposeAsync();
        await db.Database.CloseConnectionAsync();
    }
}
