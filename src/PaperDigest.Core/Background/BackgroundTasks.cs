using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Background;

/// <summary>The record of long work: queued by a page, advanced by whichever instance runs it, read by every page.</summary>
public sealed class BackgroundTasks(PaperDigestDbContext db, TimeProvider clock)
{
    private const int MaxDetail = 2000;

    /// <summary>Queues work on <paramref name="subject"/>, unless some is queued or running for it already.</summary>
    public async Task<Outcome<BackgroundTask>> QueueAsync(string subject, string description, string actor, CancellationToken cancellationToken)
    {
        if (await db.BackgroundTasks.AsNoTracking()
                .Where(t => t.Subject == subject && (t.State == BackgroundTaskState.Queued || t.State == BackgroundTaskState.Running))
                .FirstOrDefaultAsync(cancellationToken) is { } going)
            return Outcome.Refused<BackgroundTask>($"{going.Description} is already under way for {subject}; wait for it to finish.");
        var task = new BackgroundTask
        {
            Subject = subject, Description = description, RequestedBy = actor, RequestedAt = clock.GetUtcNow(), State = BackgroundTaskState.Queued,
        };
        db.BackgroundTasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Of(task);
    }

    /// <summary>The latest work on each of the subjects, for the pages that show it.</summary>
    public async Task<Dictionary<string, BackgroundTask>> LatestAsync(IReadOnlyCollection<string> subjects, CancellationToken cancellationToken) =>
        (await db.BackgroundTasks.AsNoTracking().Where(t => subjects.Contains(t.Subject))
            .GroupBy(t => t.Subject).Select(g => g.OrderByDescending(t => t.Id).First())
            .ToListAsync(cancellationToken))
        .ToDictionary(t => t.Subject, StringComparer.Ordinal);

    public Task StartAsync(long id, CancellationToken cancellationToken) =>
        db.BackgroundTasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t
            .SetProperty(x => x.State, BackgroundTaskState.Running).SetProperty(x => x.StartedAt, clock.GetUtcNow())
            .SetProperty(x => x.Done, 0).SetProperty(x => x.Failed, 0), cancellationToken);

    /// <summary>One more unit done (<paramref name="failed"/> when it went wrong), and what it was.</summary>
    public Task StepAsync(long id, bool failed, string detail, CancellationToken cancellationToken)
    {
        var (failures, text) = (failed ? 1 : 0, Cut(detail));
        return db.BackgroundTasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t
            .SetProperty(x => x.Done, x => x.Done + 1).SetProperty(x => x.Failed, x => x.Failed + failures)
            .SetProperty(x => x.Detail, text), cancellationToken);
    }

    /// <summary>Progress counted by the work itself (papers looked at so far).</summary>
    public Task ProgressAsync(long id, int done, CancellationToken cancellationToken) =>
        db.BackgroundTasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.Done, done), cancellationToken);

    /// <summary>Ends the work: failed with <paramref name="error"/>, or succeeded saying what came of it.</summary>
    public Task FinishAsync(long id, string? error, string? outcome, CancellationToken cancellationToken)
    {
        var (state, detail) = error is null ? (BackgroundTaskState.Succeeded, outcome) : (BackgroundTaskState.Failed, Cut(error));
        return db.BackgroundTasks.Where(t => t.Id == id).ExecuteUpdateAsync(t => t
            .SetProperty(x => x.State, state).SetProperty(x => x.FinishedAt, clock.GetUtcNow())
            .SetProperty(x => x.Detail, x => detail ?? x.Detail), cancellationToken);
    }

    private static string Cut(string text) => text.Length > MaxDetail ? text[..MaxDetail] : text;
}
