using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Interests;

/// <summary>A paper a reader said something about, as their pages list it.</summary>
public sealed record FeedbackEntry(string ArxivId, string Title, ReadingSignal Signal, DateTimeOffset RecordedAt);

/// <summary>
/// A subscriber's "more like this" and "fewer like this", addressed by the secret token of their emails: recorded,
/// listed on their pages, and reset. The latest word on a paper replaces an earlier one.
/// </summary>
public sealed class ReaderFeedback(PaperDigestDbContext db, SubscriptionService subscriptions, TimeProvider clock, ILogger<ReaderFeedback> logger)
{
    public static readonly Outcome UnknownPaper = Outcome.Refused("This paper is not in PaperDigest any more, so nothing was recorded; the next digest's links work.");

    public async Task<Outcome> RecordAsync(string? token, string? arxivId, ReadingSignal signal, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(token, cancellationToken) is not { } subscriber)
            return SubscriptionService.UnknownLink;
        if (!ArxivId.TryNormalize(arxivId, out var id) || !await db.Papers.AnyAsync(p => p.ArxivId == id, cancellationToken))
            return UnknownPaper;
        var said = await db.PaperFeedback.FirstOrDefaultAsync(f => f.SubscriberId == subscriber.Id && f.ArxivId == id, cancellationToken);
        if (said is null)
            db.PaperFeedback.Add(said = new PaperFeedback { SubscriberId = subscriber.Id, ArxivId = id });
        said.Signal = signal;
        said.RecordedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} asked for {Signal} like {ArxivId}", subscriber.Id, signal, id);
        return Outcome.Done;
    }

    /// <summary>Everything the subscriber has said, newest first; null for an unknown link.</summary>
    public async Task<IReadOnlyList<FeedbackEntry>?> OfAsync(string? token, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(token, cancellationToken) is not { } subscriber)
            return null;
        return await db.PaperFeedback.AsNoTracking().Where(f => f.SubscriberId == subscriber.Id)
            .OrderByDescending(f => f.RecordedAt)
            .Join(db.Papers, f => f.ArxivId, p => p.ArxivId, (f, p) => new FeedbackEntry(f.ArxivId, p.Title, f.Signal, f.RecordedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Forgets everything the subscriber has said: their digests go back to the trending order.</summary>
    public async Task<Outcome> ResetAsync(string? token, CancellationToken cancellationToken)
    {
        if (await subscriptions.FindAsync(token, cancellationToken) is not { } subscriber)
            return SubscriptionService.UnknownLink;
        var forgotten = await db.PaperFeedback.Where(f => f.SubscriberId == subscriber.Id).ExecuteDeleteAsync(cancellationToken);
        logger.LogInformation("Subscriber {SubscriberId} reset their interests ({Count} papers forgotten)", subscriber.Id, forgotten);
        return Outcome.Done;
    }
}
