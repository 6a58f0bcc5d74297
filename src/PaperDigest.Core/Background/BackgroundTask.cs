namespace PaperDigest.Core.Background;

/// <summary>
/// Long work a curator started (a source over a range of days, a rule over every stored paper), kept in the database
/// so that every instance shows its progress, whichever instance runs it.
/// </summary>
public sealed class BackgroundTask
{
    public long Id { get; set; }
    /// <summary>What the work is about, as the audit log names it ("source huggingface", "tag-rule 12"): one at a time each.</summary>
    public required string Subject { get; set; }
    /// <summary>What was asked, in words ("2024-05-27 to 2024-05-30").</summary>
    public required string Description { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public BackgroundTaskState State { get; set; }
    /// <summary>Units done so far (pages fetched, papers looked at) and how many went wrong.</summary>
    public int Done { get; set; }
    public int Failed { get; set; }
    /// <summary>The latest step, or at the end what came of it (an error, a count).</summary>
    public string? Detail { get; set; }
}

public enum BackgroundTaskState
{
    Queued,
    Running,
    Succeeded,
    Failed,
}
