using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Papers;
using PaperDigest.Core.Papers.Search;
using PaperDigest.Core.Admin;

namespace PaperDigest.Core.Papers.Curation;

/// <summary>
/// Admin corrections of a paper's title, abstract, AI summary and links (see <see cref="PaperEdit"/>): saved with an
/// audit entry per field, kept through re-scrapes, and revertible to the sources' latest value.
/// </summary>
public sealed class PaperEditing(PaperDigestDbContext db, AuditLog audit, PublicPageCache pageCache, TimeProvider clock)
{
    private static readonly Dictionary<EditableField, int> MaxLengths = new()
    {
        [EditableField.Title] = 1000,
        [EditableField.Abstract] = 50_000,
        [EditableField.AiSummary] = 10_000,
        [EditableField.GithubUrl] = 2000,
        [EditableField.ProjectUrl] = 2000,
    };

    /// <summary>The paper (hidden or not) with its edits, or null.</summary>
    public Task<Paper?> LoadAsync(string arxivId, CancellationToken cancellationToken) =>
        WithEdits().AsNoTracking().FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);

    private IQueryable<Paper> WithEdits() => db.Papers.IgnoreQueryFilters().Include(p => p.Edits);

    /// <summary>Saves the fields whose value differs, or refuses saying what is wrong.</summary>
    public async Task<Outcome> SaveAsync(string actor, string arxivId, IReadOnlyDictionary<EditableField, string?> values, CancellationToken cancellationToken)
    {
        var paper = await WithEdits().FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);
        if (paper is null)
            return Outcome.Refused("There is no such paper; it may have been merged or removed.");
        var normalized = values.ToDictionary(v => v.Key, v => string.IsNullOrWhiteSpace(v.Value) ? null : v.Value.Trim());
        if (Problem(normalized) is { } problem)
            return Outcome.Refused(problem);

        var now = clock.GetUtcNow();
        foreach (var (field, value) in normalized)
        {
            var current = EditableFields.Read(paper, field);
            if (string.Equals(current ?? "", value ?? "", StringComparison.Ordinal))
                continue;
            // The first edit of a field keeps what the sources said, for re-scrapes to update and revert to restore.
            if (paper.Edits.Find(e => e.Field == field) is { } edit)
                (edit.EditedBy, edit.EditedAt) = (actor, now);
            else
                paper.Edits.Add(new PaperEdit { ArxivId = arxivId, Field = field, SourceValue = current, EditedBy = actor, EditedAt = now });
            EditableFields.Write(paper, field, value);
            audit.Add(actor, "paper.edit", $"paper {arxivId} {field}", current, value);
        }
        await CommitAsync(paper, cancellationToken);
        return Outcome.Done;
    }

    /// <summary>Puts the sources' latest value back and forgets the edit.</summary>
    public async Task<Outcome> RevertAsync(string actor, string arxivId, EditableField field, CancellationToken cancellationToken)
    {
        var paper = await WithEdits().FirstOrDefaultAsync(p => p.ArxivId == arxivId, cancellationToken);
        if (paper?.Edits.Find(e => e.Field == field) is not { } edit)
            return Outcome.Refused("That field has no edit to revert; reload the page.");
        audit.Add(actor, "paper.revert", $"paper {arxivId} {field}", EditableFields.Read(paper, field), edit.SourceValue);
        EditableFields.Write(paper, field, edit.SourceValue);
        paper.Edits.Remove(edit);
        await CommitAsync(paper, cancellationToken);
        return Outcome.Done;
    }

    private async Task CommitAsync(Paper paper, CancellationToken cancellationToken)
    {
        paper.UpdatedAt = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A corrected title can bring words search should know for its "did you mean".
        await SearchVocabulary.AddWordsOfAsync(db, [paper.ArxivId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await pageCache.EvictPapersAsync([paper.ArxivId], cancellationToken);
    }

    private static string? Problem(Dictionary<EditableField, string?> values)
    {
        if (values.TryGetValue(EditableField.Title, out var title) && title is null)
            return "A paper needs a title; type one or revert the field to the source's.";
        foreach (var (field, value) in values)
        {
            if (value is not null && value.Length > MaxLengths[field])
                return $"The {field} is longer than {MaxLengths[field]:N0} characters; shorten it.";
            if (field is EditableField.GithubUrl or EditableField.ProjectUrl && value is not null
                && WebAddress.HttpOrNull(value) is null)
                return $"The {field} must be a full http or https address, or empty.";
        }
        return null;
    }
}
