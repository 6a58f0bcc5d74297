using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Subscriptions;

/// <summary>The admin's view of subscribers: counts by state, search, CSV export and deletion (audited).</summary>
public sealed class SubscriberAdministration(PaperDigestDbContext db, AuditLog audit)
{
    public const int PageSize = 50;

    public async Task<Dictionary<SubscriberStatus, int>> CountsAsync(CancellationToken cancellationToken) =>
        (await db.Subscribers.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        .ToDictionary(g => g.Key, g => g.Count);

    /// <summary>Newest first; <paramref name="query"/> matches part of the address.</summary>
    public Task<List<Subscriber>> FindAsync(string? query, SubscriberStatus? status, int page, CancellationToken cancellationToken)
    {
        var subscribers = db.Subscribers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query))
            subscribers = subscribers.Where(s => EF.Functions.ILike(s.Email, LikePattern.Containing(query.Trim())));
        if (status is not null)
            subscribers = subscribers.Where(s => s.Status == status);
        return subscribers.OrderByDescending(s => s.Id).Page(page, PageSize).ToListAsync(cancellationToken);
    }

    public Task<Subscriber?> GetAsync(long id, CancellationToken cancellationToken) =>
        db.Subscribers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>Writes every subscriber as CSV, streamed in id order so memory does not grow with the list.</summary>
    public async Task ExportCsvAsync(TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("id,email,status,frequency,tags,min_upvotes,max_papers,created_at,confirmed_at,permanent_failures");
        await foreach (var s in db.Subscribers.AsNoTracking().OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await output.WriteLineAsync(string.Join(',',
                s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv.Field(s.Email), s.Status.ToString(), s.Preferences.Frequency.ToString(),
                Csv.Field(string.Join(' ', s.Preferences.Tags)), s.Preferences.MinUpvotes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                s.Preferences.MaxPapers.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv.Time(s.CreatedAt), Csv.Time(s.ConfirmedAt),
                s.PermanentFailures.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>Deletes the subscriber with their tokens and delivery history.</summary>
    public async Task<Outcome> DeleteAsync(string actor, long id, CancellationToken cancellationToken)
    {
        var subscriber = await db.Subscribers.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (subscriber is null)
            return Outcome.Refused("There is no such subscriber; they may have been deleted already.");
        db.Subscribers.Remove(subscriber);
        audit.Add(actor, "subscriber.delete", $"subscriber {subscriber.Email}", subscriber.Status.ToString(), "deleted");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Done;
    }
}

/// <summary>CSV fields (RFC 4180), with spreadsheet formulas disarmed: a field starting with = + - @ is prefixed with '.</summary>
internal static class Csv
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
