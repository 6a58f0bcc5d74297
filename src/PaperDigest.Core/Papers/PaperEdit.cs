namespace PaperDigest.Core.Papers;

/// <summary>
/// A field of a paper an admin has edited. The paper keeps showing the edited value; what the sources say meanwhile
/// is kept here, so re-scrapes never undo the edit and the field can be reverted to the source's latest value.
/// </summary>
public sealed class PaperEdit
{
    public required string ArxivId { get; set; }

    public EditableField Field { get; set; }

    /// <summary>The sources' latest value of the field (null when they have never given one).</summary>
    public string? SourceValue { get; set; }

    public required string EditedBy { get; set; }

    public DateTimeOffset EditedAt { get; set; }
}

/// <summary>The fields of a paper an admin may correct.</summary>
public enum EditableField
{
    Title,
    Abstract,
    AiSummary,
    GithubUrl,
    ProjectUrl,
}
