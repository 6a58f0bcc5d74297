using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using PaperDigest.Core.Data;
using PaperDigest.Core.Mail;

namespace PaperDigest.Core.Subscriptions;

public enum SubscribeOutcome
{
    /// <summary>A confirmation (or, for an address already subscribed, a link to its page) was sent.</summary>
    Sent,
    /// <summary>The address was mailed less than an hour ago; nothing was sent.</summary>
    Throttled,
    /// <summary>The address bounced before; nothing was sent.</summary>
    Suppressed,
    /// <summary>The mail server could not take the message; the request was kept and can be repeated.</summary>
    MailFailed,
}

/// <summary>
/// Double opt-in subscriptions and the subscriber's own page. The outcome of subscribing is for logs and tests; the
/// person at the form is told the same thing whatever it was, so the form never reveals who is subscribed.
/// </summary>
public sealed class SubscriptionService(
    PaperDigestDbContext db, MailSenders mailSenders, MailComposer composer, TimeProvider clock, ILogger<SubscriptionService> logger)
{
    public static readonly TimeSpan ConfirmationLifetime = TimeSpan.FromDays(2);
    public static readonly TimeSpan MailInterval = TimeSpan.FromHours(1);

    public async Task<SubscribeOutcome> SubscribeAsync(string email, SubscriberPreferences preferences, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var subscriber = await FindOrCreateAsync(email, preferences, now, cancellationToken);
        if (subscriber.Status == SubscriberStatus.Bounced)
            return SubscribeOutcome.Suppressed;
        // Someone else typing a subscriber's address must not change what they receive: an active subscriber's
        // preferences change only on their own page, and they are sent its link instead of a confirmation.
        var alreadyConfirmed = subscriber.Status is SubscriberStatus.Active or SubscriberStatus.Paused;
        if (!alreadyConfirmed)
        {
            subscriber.Status = SubscriberStatus.Pending;
            subscriber.Preferences = preferences;
        }
        if (subscriber.ConfirmationSentAt > now - MailInterval)
        {
            await db.SaveChangesAsync(cancellationToken);
            return SubscribeOutcome.Throttled;
        }

        var manage = AddToken(subscriber, TokenPurpose.Manage, expiresAt: null, now);
        var message = alreadyConfirmed
            ? SubscriptionMessages.AlreadySubscribed(composer, subscriber.Email, manage)
            : SubscriptionMessages.Confirm(composer, subscriber.Email, AddToken(subscriber, TokenPurpose.Confirm, now + ConfirmationLifetime, now), manage);
        // The tokens are stored before the message leaves, so its links work the moment it arrives.
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await using var sender = mailSenders.Create();
            await sender.SendAsync(message, cancellationToken);
        }
        catch (MailDeliveryException exception)
        {
            logger.LogError(exception, "The confirmation for subscriber {SubscriberId} could not be sent: {Reason}", subscriber.Id, exception.Message);
            return SubscribeOutcome.MailFailed;
        }
        subscriber.ConfirmationSentAt = now;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Sent {Kind} to subscriber {SubscriberId}", alreadyConfirmed ? "their page's link" : "a confirmation", subscriber.Id);
        return SubscribeOutcome.Sent;
    }

    /// <summary>Confirms the subscription a confirmation link belongs to; null when the link is unknown, used or expired.</summary>
    public async Task<Subscriber?> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        if (LinkTokens.HashOf(token) is not { } hash)
            return null;
        var now = clock.GetUtcNow();
        var confirmation = await db.SubscriberTokens
            .FirstOrDefaultAsync(t => t.Hash == hash && t.Purpose == TokenPurpose.Confirm && t.ExpiresAt > now, cancellationToken);
        if (confirmation is null)
            return null;
        var subscriber = await db.Subscribers.SingleAsync(s => s.Id == confirmation.SubscriberId, cancellationToken);
        db.SubscriberTokens.Remove(confirmation);
        if (subscriber.Status == SubscriberStatus.Pending)
        {
            subscriber.Status = SubscriberStatus.Active;
            subscriber.ConfirmedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} confirmed", subscriber.Id);
        return subscriber;
    }

    /// <summary>The subscriber whose page a link opens, or null.</summary>
    public async Task<Subscriber?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (LinkTokens.HashOf(token) is not { } hash)
            return null;
        return await db.Subscribers.FirstOrDefaultAsync(s => s.Tokens.Any(t => t.Hash == hash && t.Purpose == TokenPurpose.Manage), cancellationToken);
    }

    public Task<Outcome> UpdatePreferencesAsync(string? token, SubscriberPreferences preferences, CancellationToken cancellationToken) =>
        ChangeAsync(token, s => s.Preferences = preferences, "changed preferences", cancellationToken);

    public Task<Outcome> PauseAsync(string? token, CancellationToken cancellationToken) =>
        ChangeAsync(token, s => s.Status = s.Status == SubscriberStatus.Active ? SubscriberStatus.Paused : s.Status, "paused", cancellationToken);

    public Task<Outcome> ResumeAsync(string? token, CancellationToken cancellationToken) =>
        ChangeAsync(token, s => s.Status = s.Status is SubscriberStatus.Paused or SubscriberStatus.Unsubscribed && s.ConfirmedAt is not null ? SubscriberStatus.Active : s.Status,
            "resumed", cancellationToken);

    /// <summary>Stops all mail to the subscriber at once (RFC 8058 one-click, or the button on their page).</summary>
    public Task<Outcome> UnsubscribeAsync(string? token, CancellationToken cancellationToken) =>
        ChangeAsync(token, s => s.Status = s.Status == SubscriberStatus.Bounced ? s.Status : SubscriberStatus.Unsubscribed, "unsubscribed", cancellationToken);

    /// <summary>Deletes the subscriber with their tokens and their delivery history.</summary>
    public async Task<Outcome> DeleteAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } subscriber)
            return UnknownLink;
        db.Subscribers.Remove(subscriber);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} deleted their data", subscriber.Id);
        return Outcome.Done;
    }

    /// <summary>Everything stored about the subscriber, for the "download my data" button; null for an unknown link.</summary>
    public async Task<SubscriberData?> ExportAsync(string? token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } subscriber)
            return null;
        var deliveries = await db.DigestDeliveries.Where(d => d.SubscriberId == subscriber.Id)
            .Join(db.DigestEditions, d => d.EditionId, e => e.Id, (d, e) => new SubscriberData.Delivery(
                e.Frequency.ToString(), e.LastDay, d.State.ToString(), d.SentAt, d.PaperIds))
            .ToListAsync(cancellationToken);
        var feedback = await db.PaperFeedback.Where(f => f.SubscriberId == subscriber.Id).OrderBy(f => f.RecordedAt)
            .Select(f => new SubscriberData.Said(f.ArxivId, f.Signal.ToString(), f.RecordedAt)).ToListAsync(cancellationToken);
        return new SubscriberData(subscriber.Email, subscriber.Status.ToString(), subscriber.Preferences.Frequency.ToString(),
            subscriber.Preferences.Tags, subscriber.Preferences.MinUpvotes, subscriber.Preferences.MaxPapers,
            subscriber.Preferences.ArxivPapers, subscriber.Preferences.ArxivCategories, subscriber.CreatedAt, subscriber.ConfirmedAt, deliveries)
        {
            Topic = subscriber.Preferences.Topic,
            TopicThreshold = subscriber.Preferences.TopicThreshold,
            Feedback = feedback,
        };
    }

    /// <summary>The one way a subscriber's own command fails: its link is not (or no longer) one of theirs.</summary>
    public static readonly Outcome UnknownLink = Outcome.Refused("This link is not valid any more; use the newest email from PaperDigest, or subscribe again.");

    private async Task<Outcome> ChangeAsync(string? token, Action<Subscriber> change, string what, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } subscriber)
            return UnknownLink;
        change(subscriber);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} {What}", subscriber.Id, what);
        return Outcome.Done;
    }

    private async Task<Subscriber> FindOrCreateAsync(string email, SubscriberPreferences preferences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Subscribers.FirstOrDefaultAsync(s => s.Email == email, cancellationToken) is { } existing)
            return existing;
        var subscriber = new Subscriber { Email = email, Preferences = preferences, Status = SubscriberStatus.Pending, CreatedAt = now };
        db.Subscribers.Add(subscriber);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return subscriber;
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two requests for one new address at once: the other created it, so this one carries on with that row.
            db.Entry(subscriber).State = EntityState.Detached;
            return await db.Subscribers.SingleAsync(s => s.Email == email, cancellationToken);
        }
    }

    private string AddToken(Subscriber subscriber, TokenPurpose purpose, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var (token, hash) = LinkTokens.Create();
        db.SubscriberTokens.Add(new SubscriberToken { Hash = hash, SubscriberId = subscriber.Id, Purpose = purpose, CreatedAt = now, ExpiresAt = expiresAt });
        return token;
    }
}

/// <summary>The "download my data" document.</summary>
public sealed record SubscriberData(string Email, string Status, string Frequency, IReadOnlyList<string> Tags, int MinUpvotes, int MaxPapers,
    int ArxivPapers, IReadOnlyList<string> ArxivCategories, DateTimeOffset SubscribedAt, DateTimeOffset? ConfirmedAt, IReadOnlyList<SubscriberData.Delivery> Digests)
{
    public string? Topic { get; init; }
    public double TopicThreshold { get; init; }
    /// <summary>Every "more like this" and "fewer like this".</summary>
    public IReadOnlyList<Said> Feedback { get; init; } = [];

    public sealed record Delivery(string Frequency, DateOnly LastDay, string State, DateTimeOffset? SentAt, IReadOnlyList<string> Papers);

    public sealed record Said(string ArxivId, string Signal, DateTimeOffset At);
}
