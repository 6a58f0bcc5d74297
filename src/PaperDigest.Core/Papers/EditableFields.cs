namespace PaperDigest.Core.Papers;

/// <summary>Reads and writes a paper's editable fields by name, for the edit form and its revert buttons.</summary>
public static class EditableFields
{
    public static string? Read(Paper paper, EditableField field) => field switch
    {
        EditableField.Title => paper.Title,
        EditableField.Abstract => paper.Abstract,
        EditableField.AiSummary => paper.AiSummary,
        EditableField.GithubUrl => paper.GithubUrl,
        EditableField.ProjectUrl => paper.ProjectUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    public static void Write(Paper paper, EditableField field, string? value)
    {
        switch (field)
        {
            case EditableField.Title:
                paper.Title = value ?? "";
                break;
            case EditableField.Abstract:
                paper.Abstract = value ?? "";
                break;
            case EditableField.AiSummary:
                paper.AiSummary = value;
                break;
            case EditableField.GithubUrl:
                paper.GithubUrl = value;
                break;
            case EditableField.ProjectUrl:
                paper.ProjectUrl = value;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
