using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Sends the current edition of a frequency through the delivery ledger (<see cref="DigestLedger"/>): editions an
/// earlier run left unfinished first, then the new one, a claimed batch at a time. A row is marked sent in the same
/// commit that stores the email's link token, right after the server accepts the message.
/// </summary>
public sealed class DigestSender(
    DigestLedger ledger, TrendingPapers trending, DigestEditions editions, MailSenders mailSenders, MailComposer composer,
    IServiceProvider services, ILoggerFactory loggers, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<DigestSender> logger)
{
    public async Task<DigestRun> RunAsync(DigestFrequency frequency, bool dryRun, CancellationToken cancellationToken)
    {
        if (await trending.LatestListingDayAsync(cancellationToken) is not { } editionDay)
            return new DigestRun(frequency, null, 0, 0, 0, 0);
        var candidates = await editions.CandidatesAsync(frequency, editionDay, cancellationToken);
        if (dryRun)
            return await DryRunAsync(new Edition(frequency, editionDay, candidates, id: 0), cancellationToken);

        var edition = new Edition(frequency, editionDay, candidates, await ledger.OpenEditionAsync(frequency, editionDay, cancellationToken));
        // Editions an earlier run could not finish go first, so what they carry counts as received when the new
        // edition is chosen.
        var unfinished = await ledger.UnfinishedBeforeAsync(frequency, editionDay, cancellationToken);
        var totals = new DigestRun(frequency, editionDay, 0, 0, 0, 0);
        var deadline = clock.GetUtcNow() + options.Value.MaxRunTime;
        await using var sender = mailSenders.Create();
        await using var marker = await ledger.OpenSentMarkerAsync(cancellationToken);
        foreach (var earlier in unfinished)
        {
            var resumed = new Edition(frequency, earlier.LastDay, await editions.CandidatesAsync(frequency, earlier.LastDay, cancellationToken), earlier.Id);
            totals = await SendEditionAsync(resumed, sender, marker, totals, deadline, cancellationToken);
            if (totals.Error is not null)
                break;
        }
        if (totals.Error is null)
            totals = await SendEditionAsync(edition, sender, marker, totals, deadline, cancellationToken);

        totals = totals with { Deferred = await ledger.CountUnfinishedAsync(frequency, cancellationToken) };
        logger.Log(totals.Error is null ? LogLevel.Information : LogLevel.Error, "Digest run: {Summary}", totals.Describe(dryRun: false));
        return totals;
    }

    private async Task<DigestRun> SendEditionAsync(Edition edition, IMailSender sender, SentMarker marker, DigestRun totals, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ledger.ClaimAsync(edition.Id, cancellationToken);
            if (batch.Count == 0)
            {
                // Only messages waiting out a transient refusal may remain: wait for the earliest, within the run's time.
                var next = await ledger.NextRetryAsync(edition.Id, cancellationToken);
                if (next is null || next > deadline)
                    break;
                if (next > clock.GetUtcNow())
                    await Task.Delay(next.Value - clock.GetUtcNow(), clock, cancellationToken);
                continue;
            }
            // A renderer per batch: it keeps every component it rendered until it is disposed.
            await using var renderer = new DigestRenderer(services, loggers);
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
        var readers = await ledger.ReadersAsync(edition.Frequency, edition.Day, batch.Select(r => r.SubscriberId).ToArray(), cancellationToken);
        var chosen = batch
            .Select(row => readers.GetValueOrDefault(row.SubscriberId) is { Status: SubscriberStatus.Active } reader
                ? (Row: row, Reader: reader, Papers: edition.Choose(reader))
                : (Row: row, Reader: null, Papers: []))
            .ToList();
        var skippedIds = chosen.Where(c => c.Papers.Count == 0).Select(c => c.Row.Id).ToArray();
        if (skippedIds.Length > 0)
            await ledger.MarkSkippedAsync(skippedIds, cancellationToken);

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

        int sent = 0, failed = 0, handled = 0;
        Task marking = Task.CompletedTask;
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
                    await ledger.HandBackAsync(toSend.Skip(handled).Select(c => c.Row.Id).ToArray());
                    logger.LogError(exception, "Digest sending stopped: {Reason}", exception.Message);
                    return (new DigestRun(edition.Frequency, edition.Day, sent, skippedIds.Length, failed, 0), exception.Message);
                }
                catch (MailDeliveryException exception)
                {
                    await marking;
                    failed += await ledger.RecordFailureAsync(digest.Row, exception, cancellationToken) ? 1 : 0;
                    handled++;
                    continue;
                }
                await marking;
                marking = marker.MarkAsync(digest.Row.Id, digest.SubscriberId, digest.TokenHash, digest.PaperIds, clock.GetUtcNow());
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

    // Counts what a run would send, reading subscribers a batch at a time and writing nothing.
    private async Task<DigestRun> DryRunAsync(Edition edition, CancellationToken cancellationToken)
    {
        int wouldSend = 0, skipped = 0;
        long after = 0;
        while (await ledger.ActiveSubscribersAfterAsync(edition.Frequency, after, cancellationToken) is { Length: > 0 } ids)
        {
            after = ids[^1];
            foreach (var reader in (await ledger.ReadersAsync(edition.Frequency, edition.Day, ids, cancellationToken)).Values)
            {
                if (edition.Choose(reader).Count > 0)
                    wouldSend++;
                else
                    skipped++;
            }
        }
        return new DigestRun(edition.Frequency, edition.Day, wouldSend, skipped, 0, 0);
    }

    private sealed record PreparedDigest(ClaimedRow Row, long SubscriberId, byte[] TokenHash, string[] PaperIds, MimeMessage Message);

    private sealed class Edition(DigestFrequency frequency, DateOnly day, DigestCandidates candidates, long id)
    {
        private const int MaxCachedBodies = 10_000;
        // Subscribers with the same filters get the same papers: each distinct selection is rendered and encoded once
        // a run, with a placeholder where each reader's own link token goes.
        private readonly Dictionary<string, (string Title, PreEncodedBody Encoded)> bodies = new(StringComparer.Ordinal);

        public DigestFrequency Frequency => frequency;

        public DateOnly Day => day;

        public long Id => id;

        public List<string> Choose(Reader reader) => candidates.Choose(reader.Preferences, reader.PreviousDigestDay, reader.Received);

        public async Task<(string Title, PreEncodedBody Encoded)> BodyAsync(List<string> papers, DigestRenderer renderer, SiteOptions site)
        {
            var key = string.Join(' ', papers);
            if (bodies.TryGetValue(key, out var body))
                return body;
            if (bodies.Count >= MaxCachedBodies)
                bodies.Clear();
            var content = candidates.WithPapers(papers, site.Link($"subscription/{LinkTokens.Placeholder}"));
            return bodies[key] = (content.Title, PreEncodedBody.Encode(await renderer.RenderHtmlAsync(content), DigestText.Render(content), LinkTokens.Placeholder));
        }
    }
}
