using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Admin;

/// <summary>
/// Records what admins do. <see cref="Add"/> only stages the entry, so it is committed by the same SaveChanges as the
/// change it describes: there is never a change without its entry, or an entry for a change that failed.
/// </summary>
public sealed class AuditLog(PaperDigestDbContext db, TimeProvider clock)
{
    public const int PageSize = 100;

    public void Add(string actor, string action, string subject, string? before = null, string? after = null) =>
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Actor = actor, Action = action, Subject = subject, Before = before, After = after });

    /// <summary>Newest first, a page at a time, narrowed as <paramref name="query"/> asks.</summary>
    public Task<List<AuditEntry>> PageAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var pattern = LikePattern.Containing(query.Text.Trim());
            entries = entries.Where(e => EF.Functions.ILike(e.Actor, pattern) || EF.Functions.ILike(e.Action, pattern) || EF.Functions.ILike(e.Subject, pattern)
                                         || EF.Functions.ILike(e.Before!, pattern) || EF.Functions.ILike(e.After!, pattern));
        }
        if (!string.IsNullOrWhiteSpace(query.Action))
            entries = entries.Where(e => e.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.Actor))
            entries = entries.Where(e => EF.Functions.ILike(e.Actor, LikePattern.Containing(query.Actor.Trim())));
        if (query.From is { } from)
            entries = entries.Where(e => e.At >= new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (query.To is { } to)
            entries = entries.Where(e => e.At < new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return entries.OrderByDescending(e => e.Id).Page(query.Page, PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>Every action the log holds, for the filter's menu.</summary>
    public Task<List<string>> ActionsAsync(CancellationToken cancellationToken) =>
        db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
}

/// <summary>
/// What the audit log is narrowed to: text in any column (who, action, subject, before, after), one action, an actor,
/// and days (UTC, both included).
/// </summary>
public sealed record AuditQuery(string? Text, string? Action, string? Actor, DateOnly? From, DateOnly? To, int Page);
