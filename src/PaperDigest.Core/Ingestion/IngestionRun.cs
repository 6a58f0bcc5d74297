namespace PaperDigest.Core.Ingestion;

/// <summary>The record of one ingestion attempt: what it read, what it changed and how it ended.</summary>
public sealed class IngestionRun
{
    public long Id { get; set; }
    public required string Source { get; set; }
    /// <summary>Where the data came from: a URL or a file path.</summary>
    public required string Origin { get; set; }
    public DateOnly? FirstDay { get; set; }
    public DateOnly? LastDay { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public IngestionRunStatus Status { get; set; }
    public int NewCount { get; set; }
    public int UpdatedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int RejectedCount { get; set; }
    public string? Error { get; set; }
    /// <summary>The process doing the run (<see cref="RunnerProcess.Identity"/>), so a restart can tell its own dead runs at once.</summary>
    public string? RunBy { get; set; }
}

public enum IngestionRunStatus
{
    Running,
    Succeeded,
    Empty,
    NotModified,
    Failed,
    Partial,
}
