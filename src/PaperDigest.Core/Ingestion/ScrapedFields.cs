using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Ingestion;

/// <summary>Copies a source's description onto a stored paper, reporting whether anything changed.</summary>
internal static class ScrapedFields
{
    // A source that lacks a field (older Hugging Face responses have no GitHub link or AI summary) leaves the
    // stored value alone: absence is not a deletion. A field an admin edited keeps the edit; the source's value is
    // kept beside it (the paper's Edits must be loaded).
    public static bool Apply(Paper paper, ScrapedPaper scraped)
    {
        var changed = false;
        SetEditable(paper, EditableField.Title, scraped.Title, v => paper.Title = v, ref changed);
        SetEditable(paper, EditableField.Abstract, scraped.Abstract, v => paper.Abstract = v, ref changed);
        SetEditable(paper, EditableField.GithubUrl, WebAddress.HttpOrNull(scraped.GithubUrl), v => paper.GithubUrl = v, ref changed);
        SetEditable(paper, EditableField.ProjectUrl, WebAddress.HttpOrNull(scraped.ProjectUrl), v => paper.ProjectUrl = v, ref changed);
        Set(paper.ThumbnailUrl, WebAddress.HttpOrNull(scraped.ThumbnailUrl), v => paper.ThumbnailUrl = v, ref changed);
        Set(paper.OrganizationHandle, scraped.OrganizationHandle, v => paper.OrganizationHandle = v, ref changed);
        Set(paper.OrganizationName, scraped.OrganizationName, v => paper.OrganizationName = v, ref changed);
        SetEditable(paper, EditableField.AiSummary, scraped.AiSummary, v => paper.AiSummary = v, ref changed);
        Set(paper.ArxivComment, scraped.ArxivComment, v => paper.ArxivComment = v, ref changed);
        Set(paper.Doi, scraped.Doi, v => paper.Doi = v, ref changed);

        if (scraped.PublishedAt is { } published && published != paper.PublishedAt)
            (paper.PublishedAt, changed) = (published, true);
        if (scraped.Authors.Count > 0 && !scraped.Authors.SequenceEqual(paper.Authors))
            (paper.Authors, changed) = ([.. scraped.Authors], true);
        if (scraped.AiKeywords.Count > 0 && !scraped.AiKeywords.SequenceEqual(paper.AiKeywords))
            (paper.AiKeywords, changed) = ([.. scraped.AiKeywords], true);
        if (scraped.Categories.Count > 0 && !scraped.Categories.SequenceEqual(paper.Categories))
            (paper.Categories, changed) = ([.. scraped.Categories], true);
        return changed;
    }

    private static void SetEditable(Paper paper, EditableField field, string? incoming, Action<string> assign, ref bool changed)
    {
        if (paper.Edits.Find(e => e.Field == field) is not { } edit)
            Set(EditableFields.Read(paper, field), incoming, assign, ref changed);
        else
            Set(edit.SourceValue, incoming, v => edit.SourceValue = v, ref changed);
    }

    private static void Set(string? current, string? incoming, Action<string> assign, ref bool changed)
    {
        if (string.IsNullOrEmpty(incoming) || string.Equals(current, incoming, StringComparison.Ordinal))
            return;
        assign(incoming);
        changed = true;
    }
}
