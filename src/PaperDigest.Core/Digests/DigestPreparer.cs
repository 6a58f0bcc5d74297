using System.Collections.Concurrent;
using System.Threading.Channels;
using MimeKit;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>A message ready to go, and the ledger row it settles.</summary>
internal sealed record PreparedDigest(ClaimedRow Row, MimeMessage Message);

/// <summary>
/// The half of a run that works ahead of the mail connection, on its own thread and its own database connection:
/// claims a batch, chooses each reader's papers, skips readers with nothing new, stores the links and papers of the
/// rest, and composes their messages, then claims the next batch while those are sent.
/// </summary>
internal sealed class DigestPreparer(DigestLedger ledger, MailComposer composer, DigestRenderers renderers)
{
    /// <summary>Rows this run has claimed and not yet settled: what goes back to the ledger if the run has to stop.</summary>
    public ConcurrentDictionary<long, ClaimedRow> Unsettled { get; } = new();

    /// <summary>Readers skipped because nothing new matched their preferences (read once preparation has ended).</summary>
    public int Skipped { get; private set; }

    /// <summary>Prepares everything claimable in the edition now, then completes <paramref name="output"/> (with the exception, if one stopped it).</summary>
    public async Task PrepareAllAsync(EditionInProgress edition, ChannelWriter<PreparedDigest> output, CancellationToken cancellationToken)
    {
        try
        {
            while (await ledger.ClaimAsync(edition.Id, cancellationToken) is { Count: > 0 } batch)
            {
                foreach (var row in batch)
                    Unsettled[row.Id] = row;
                await PrepareBatchAsync(edition, batch, output, cancellationToken);
            }
            output.Complete();
        }
        catch (Exception exception)
        {
            output.Complete(exception);
        }
    }

    private async Task PrepareBatchAsync(EditionInProgress edition, List<ClaimedRow> batch, ChannelWriter<PreparedDigest> output,
        CancellationToken cancellationToken)
    {
        var readers = await ledger.ReadersAsync(edition.Frequency, edition.Day, batch.Select(r => r.SubscriberId).ToArray(), cancellationToken);
        var skipped = new List<long>();
        var toSend = new List<OutgoingDigest>();
        foreach (var row in batch)
        {
            if (readers.GetValueOrDefault(row.SubscriberId) is { Status: SubscriberStatus.Active } reader && edition.Choose(reader) is { IsEmpty: false } papers)
                toSend.Add(new OutgoingDigest(row, reader, papers, LinkTokens.Create()));
            else
                skipped.Add(row.Id);
        }
        if (skipped.Count > 0)
        {
            await ledger.MarkSkippedAsync(skipped.ToArray(), cancellationToken);
            foreach (var id in skipped)
                Unsettled.TryRemove(id, out _);
            Skipped += skipped.Count;
        }
        if (toSend.Count == 0)
            return;
        await ledger.StoreLinksAndPapersAsync(toSend, cancellationToken);

        await using var renderer = renderers.Create();
        foreach (var digest in toSend)
        {
            var body = await edition.BodyAsync(digest.Papers, renderer, composer.Site);
            // The same Message-ID for every try of one subscriber's copy of one edition, so a resend is recognisable.
            var message = composer.Compose(digest.Reader.Email, body.Title, digest.Link.Token, body.Encoded.WithToken(digest.Link.Token),
                $"digest-{edition.Frequency.ToString().ToLowerInvariant()}-{edition.Day:yyyyMMdd}-{digest.Reader.Id}");
            await output.WriteAsync(new PreparedDigest(digest.Row, message), cancellationToken);
        }
    }
}

/// <summary>One reader's digest before it is composed: the papers chosen and the link token its email will carry.</summary>
internal sealed record OutgoingDigest(ClaimedRow Row, Reader Reader, DigestSelection Papers, (string Token, byte[] Hash) Link);
