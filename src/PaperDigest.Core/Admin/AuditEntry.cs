namespace PaperDigest.Core.Admin;

/// <summary>One change an admin made: who, when, what, and the value before and after (as shown to people, not parsed).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The admin's email, kept as text so the entry outlives the account.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, such as <c>paper.hide</c> or <c>admin.sign-in</c>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to, such as <c>paper 2401.00001</c>.</summary>
    public required string Subject { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
