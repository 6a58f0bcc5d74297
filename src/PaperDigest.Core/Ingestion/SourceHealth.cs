namespace PaperDigest.Core.Ingestion;

/// <summary>How a source is doing: its last success, its run of failures, and when it will next be tried.</summary>
public sealed class SourceHealth
{
    public required string Source { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    /// <summary>While in the future, scheduled runs skip the source; a failing source is retried, never dropped.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>An admin switched the source off: scheduled runs skip it (a run asked for explicitly still happens).</summary>
    public bool Disabled { get; set; }
}
