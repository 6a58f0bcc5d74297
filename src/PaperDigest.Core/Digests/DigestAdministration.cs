using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Data;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Core.Site;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Digests;

/// <summary>The admin's view of digests: edition history, retrying failed messages, a subscriber's next digest, test sends.</summary>
public sealed class DigestAdministration(
    PaperDigestDbContext db, DigestLedger ledger, DigestEditions editions, MailSenders mailSenders, MailComposer composer,
    AuditLog audit, DigestRenderers renderers, ILogger<DigestAdministration> logger)
{
    public async Task<List<EditionHistory>> HistoryAsync(CancellationToken cancellationToken)
    {
        var counts = await db.DigestDeliveries.GroupBy(d => new { d.EditionId, d.State })
            .Select(g => new { g.Key.EditionId, g.Key.State, Count = g.Count() }).ToListAsync(cancellationToken);
        return (await editions.ListAsync(cancellationToken))
            .Select(e => new EditionHistory(e.Id, e.Frequency, e.LastDay, e.CreatedAt,
                counts.Where(c => c.EditionId == e.Id).ToDictionary(c => c.State, c => c.Count)))
            .ToList();
    }

    /// <summary>Puts an edition's failed messages back in the queue (the next run sends them); gives how many.</summary>
    public async Task<Outcome<int>> RetryFailedAsync(string actor, long editionId, CancellationToken cancellationToken)
    {
        var retried = await db.DigestDeliveries.Where(d => d.EditionId == editionId && d.State == DeliveryState.Failed)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.State, DeliveryState.Pending).SetProperty(x => x.Attempts, 0)
                .SetProperty(x => x.RetryAfter, (DateTimeOffset?)null).SetProperty(x => x.Error, (string?)null), cancellationToken);
        if (retried == 0)
            return Outcome.Refused<int>("That edition has no failed messages; reload the page.");
        audit.Add(actor, "digest.retry-failed", $"edition {editionId}", null, $"{retried} messages queued again");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(retried);
    }

    /// <summary>
    /// The digest the subscriber would get if the edition of the latest listing day went out now, in their own order;
    /// null when nothing would. Their page and the admin's subscriber page show it.
    /// </summary>
    public async Task<DigestContent?> NextDigestOfAsync(Subscriber subscriber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (await db.Listings.LatestCuratedDayAsync(cancellationToken) is not { } day)
            return null;
        var frequency = subscriber.Preferences.Frequency;
        var readers = await ledger.ReadersAsync(frequency, day, [subscriber.Id], cancellationToken);
        if (!readers.TryGetValue(subscriber.Id, out var reader))
            return null;
        var digest = await editions.DigestForAsync(frequency, day, reader.Preferences, reader.PreviousDigestDay, reader.Received, cancellationToken, reader.Interest);
        return digest.Papers.Count + digest.ArxivPapers.Count == 0 ? null : digest;
    }

    /// <summary>
    /// Mails a digest, marked as a test, to any address. Its links to a subscription page lead nowhere (it belongs to
    /// no subscriber), so nothing about real subscribers is exposed. Gives where the message went.
    /// </summary>
    public async Task<Outcome<string>> SendTestAsync(string actor, string address, DigestContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (token, _) = LinkTokens.Create();
        var test = content with { ManageUrl = composer.Site.MailLink(SiteLinks.SubscriberPage(token)) };
        await using var renderer = renderers.Create();
        var message = composer.Compose(address, "[Test] " + test.Title, token, await renderer.RenderHtmlAsync(test), DigestText.Render(test),
            $"digest-test-{Guid.NewGuid():N}");
        try
        {
            await using var sender = mailSenders.Create();
            await sender.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException exception)
        {
            logger.LogError(exception, "Test digest to {Address} failed", address);
            return Outcome.Refused<string>($"The test digest was not sent: {exception.Message}");
        }
        audit.Add(actor, "digest.send-test", $"address {address}", null, test.Title);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(mailSenders.Destination);
    }
}

/// <summary>One edition and how many of its messages are in each state.</summary>
public sealed record EditionHistory(long Id, DigestFrequency Frequency, DateOnly LastDay, DateTimeOffset CreatedAt, Dictionary<DeliveryState, int> Counts)
{
    public int this[DeliveryState state] => Counts.GetValueOrDefault(state);
}
