using System.ComponentModel.DataAnnotations;

namespace PaperDigest.Core.Digests;

/// <summary>Settings under <c>Digests</c>: how the sender works through an edition's ledger.</summary>
public sealed class DigestOptions
{
    public const string Section = "Digests";

    /// <summary>Ledger rows claimed at a time; subscribers are read a batch at a time, never all at once.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
    /// <summary>How long a claim holds: a sender that dies leaves its rows to be reclaimed after this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>The first wait before a message the server refused for now, or a run the server stopped, is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Attempts before a message that keeps failing for now is given up.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;
    /// <summary>How long one run keeps waiting for deferred messages before leaving them to the next run.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromHours(1);
    /// <summary>How long the link in an email keeps opening the subscriber's page; the newest email's link always works.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// How long the ledger keeps each edition's delivery rows (the papers each reader got): a paper first listed before
    /// that is never sent again, so "never twice" holds however short the memory.
    /// </summary>
    [Range(typeof(TimeSpan), "14.00:00:00", "3650.00:00:00")]
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(120);

    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromHours(1);

    /// <summary>
    /// The one retry policy of mail: the wait after the <paramref name="failures"/>th failure in a row, of a message
    /// (the ledger defers it) or of a whole run (the job fires again): <see cref="RetryDelay"/>, doubling, at most an hour.
    /// </summary>
    public TimeSpan WaitAfter(int failures)
    {
        var wait = RetryDelay * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        return wait < LongestRetryWait ? wait : LongestRetryWait;
    }
}
