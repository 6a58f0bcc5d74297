using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Sends the current edition of a frequency through the delivery ledger (<see cref="DigestLedger"/>): editions an
/// earlier run left unfinished first, then the new one, a claimed batch at a time (see <see cref="DigestPreparer"/>). A
/// row is marked sent right after the server accepts its message.
/// </summary>
public sealed class DigestSender(
    DigestLedger ledger, DigestEditions editions, MailSenders mailSenders,
    IServiceScopeFactory scopes, IOptions<DigestOptions> options, TimeProvider clock,
    ILogger<DigestSender> logger)
{
    public async Task<DigestRun> RunAsync(DigestFrequency frequency, bool dryRun, CancellationToken cancellationToken)
    {
        if (await editions.LatestEditionDayAsync(cancellationToken) is not { } editionDay)
            return new DigestRun(frequency, null, 0, 0, 0, 0);
        var candidates = await editions.CandidatesAsync(frequency, editionDay, cancellationToken);
        if (dryRun)
            return await DryRunAsync(new EditionInProgress(frequency, editionDay, candidates, id: 0), cancellationToken);

        var edition = new EditionInProgress(frequency, editionDay, candidates, await ledger.OpenEditionAsync(frequency, editionDay, cancellationToken));
        // Editions an earlier run could not finish go first, so what they carry counts as received when the new
        // edition is chosen.
        var unfinished = await ledger.UnfinishedBeforeAsync(frequency, editionDay, cancellationToken);
        var totals = new DigestRun(frequency, editionDay, 0, 0, 0, 0);
        var deadline = clock.GetUtcNow() + options.Value.MaxRunTime;
        await using var sender = mailSenders.Create();
        await using var marker = await ledger.OpenSentMarkerAsync(cancellationToken);
        foreach (var earlier in unfinished)
        {
            var resumed = new EditionInProgress(frequency, earlier.LastDay, await editions.CandidatesAsync(frequency, earlier.LastDay, cancellationToken), earlier.Id);
            totals = await SendEditionAsync(resumed, sender, marker, totals, deadline, cancellationToken);
            if (totals.Error is not null)
                break;
        }
        if (totals.Error is null)
            totals = await SendEditionAsync(edition, sender, marker, totals, deadline, cancellationToken);

        totals = totals with { Deferred = await ledger.CountUnfinishedAsync(frequency, cancellationToken) };
        logger.Log(totals.Error is null ? LogLevel.Information : LogLevel.Error, "Digest run of edition {EditionId}: {Summary}", edition.Id, totals.Describe(dryRun: false));
        return totals;
    }

    private async Task<DigestRun> SendEditionAsync(EditionInProgress edition, IMailSender sender, SentMarker marker, DigestRun totals,
        DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var (outcome, error) = await SendClaimableAsync(edition, sender, marker, cancellationToken);
            totals = totals with { Sent = totals.Sent + outcome.Sent, Skipped = totals.Skipped + outcome.Skipped, Failed = totals.Failed + outcome.Failed };
            if (error is not null)
                return totals with { Error = error };
            // Only messages waiting out a transient refusal may remain: wait for the earliest, within the run's time.
            var next = await ledger.NextRetryAsync(edition.Id, cancellationToken);
            if (next is null || next > deadline)
                break;
            if (next > clock.GetUtcNow())
                await Task.Delay(next.Value - clock.GetUtcNow(), clock, cancellationToken);
        }
        return totals;
    }

    // Sends everything claimable in the edition now. Three things overlap, so the mail connection is never idle: the
    // preparer claims and composes ahead on another thread, and the row of the message just accepted is marked while
    // the next one is sent. At most one accepted message is ever unmarked, so a crash can repeat at most that one
    // (with the same Message-ID).
    private async Task<(DigestRun Outcome, string? Error)> SendClaimableAsync(EditionInProgress edition, IMailSender sender, SentMarker marker,
        CancellationToken cancellationToken)
    {
        // The preparer works on its own thread, so it gets its own scope: its own ledger on its own database connection.
        await using var preparerScope = scopes.CreateAsyncScope();
        var preparer = preparerScope.ServiceProvider.GetRequiredService<DigestPreparer>();
        var prepared = Channel.CreateBounded<PreparedDigest>(new BoundedChannelOptions(64) { SingleReader = true, SingleWriter = true });
        using var stopPreparing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var preparing = Task.Run(() => preparer.PrepareAllAsync(edition, prepared.Writer, stopPreparing.Token), CancellationToken.None);

        int sent = 0, failed = 0;
        string? error = null;
        var marking = Task.CompletedTask;
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
                    logger.LogError(exception, "Digest sending stopped: {Reason}", exception.Message);
                    error = exception.Message;
                    break;
                }
                catch (MailDeliveryException exception)
                {
                    await marking;
                    failed += await ledger.RecordFailureAsync(digest.Row, exception, cancellationToken) ? 1 : 0;
                    preparer.Unsettled.TryRemove(digest.Row.Id, out _);
                    continue;
                }
                await marking;
                marking = marker.MarkSentAsync(digest.Row.Id, clock.GetUtcNow());
                preparer.Unsettled.TryRemove(digest.Row.Id, out _);
                DigestLog.Sent(logger, digest.Row.Id, edition.Id, digest.Row.SubscriberId, digest.Message.MessageId);
                sent++;
            }
            await marking;
        }
        finally
        {
            await stopPreparing.CancelAsync();
            await preparing;
        }
        // Nothing more can go out now: what this run claimed and did not send is handed back untouched for the next run.
        if (error is not null)
            await ledger.HandBackAsync(preparer.Unsettled.Keys.ToArray());
        return (new DigestRun(edition.Frequency, edition.Day, sent, preparer.Skipped, failed, 0), error);
    }

    // Counts what a run would send, reading subscribers a batch at a time and writing nothing.
    private async Task<DigestRun> DryRunAsync(EditionInProgress edition, CancellationToken cancellationToken)
    {
        int wouldSend = 0, skipped = 0;
        long after = 0;
        while (await ledger.ActiveSubscribersAfterAsync(edition.Frequency, after, cancellationToken) is { Length: > 0 } ids)
        {
            after = ids[^1];
            foreach (var reader in (await ledger.ReadersAsync(edition.Frequency, edition.Day, ids, cancellationToken)).Values)
            {
                if (!edition.Choose(reader).IsEmpty)
                    wouldSend++;
                else
                    skipped++;
            }
        }
        return new DigestRun(edition.Frequency, edition.Day, wouldSend, skipped, 0, 0);
    }
}
