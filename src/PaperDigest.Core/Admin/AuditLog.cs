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

    /// <summary>Newest first, a page at a time; <paramref name="filter"/> matches actor, action or subject.</summary>
    public Task<List<AuditEntry>> PageAsync(string? filter, int page, CancellationToken cancellationToken)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter))
        {
            var pattern = LikePattern.Containing(filter.Trim());
            entries = entries.Where(e => EF.Functions.ILike(e.Actor, pattern) || EF.Functions.ILike(e.Action, pattern) || EF.Functions.ILike(e.Subject, pattern));
        }
        return entries.OrderByDescending(e => e.Id).Page(page, PageSize).ToListAsync(cancellationToken);
    }
}
