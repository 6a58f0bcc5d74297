using PaperDigest.Core.Digests;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers.Curation;
using PaperDigest.Core.Wording;
using PaperDigest.Web.Jobs;

namespace PaperDigest.Web.Admin;

/// <summary>What needs a curator now, each with where to act: the admin home's list.</summary>
internal sealed class Attention(SourceAdministration sources, JobControl jobs, DigestAdministration digests, DigestLinks links,
    PaperCuration papers, TimeProvider clock)
{
    public async Task<List<AttentionItem>> ListAsync(CancellationToken cancellationToken)
    {
        var items = new List<AttentionItem>();
        if (links.Problem is { } held)
            items.Add(new AttentionItem(held, "admin/digests"));
        foreach (var source in await sources.OverviewAsync(cancellationToken))
        {
            if (source.Health is { ConsecutiveFailures: > 0 } failing)
                items.Add(new AttentionItem($"{source.Source} has failed {Plural.Of(failing.ConsecutiveFailures, "time")} in a row: {failing.LastError}", "admin/sources"));
            else if (source.Runs.FirstOrDefault() is { Status: IngestionRunStatus.Failed } run)
                items.Add(new AttentionItem($"The latest run of {source.Source} failed: {run.Error}", "admin/sources"));
            if (!source.Enabled)
                items.Add(new AttentionItem($"Scheduled runs of {source.Source} are off.", "admin/sources"));
        }
        foreach (var job in await jobs.ListAsync(cancellationToken))
        {
            if (job.State == Quartz.TriggerState.Paused)
                items.Add(new AttentionItem($"{JobWording.Name(job.Name)} is paused.", "admin/jobs"));
        }
        foreach (var edition in await digests.HistoryAsync(cancellationToken))
        {
            var waiting = edition[DeliveryState.Pending] + edition[DeliveryState.Sending];
            var day = edition.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (edition[DeliveryState.Failed] > 0)
                items.Add(new AttentionItem($"{Plural.Of(edition[DeliveryState.Failed], "message")} of the {edition.Frequency} digest of {day} failed.", "admin/digests"));
            if (waiting > 0)
                items.Add(new AttentionItem($"{Plural.Of(waiting, "message")} of the {edition.Frequency} digest of {day} {(waiting == 1 ? "waits" : "wait")} to be sent.", "admin/digests"));
        }
        var weekAgo = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-ReviewDays);
        if (await papers.CountUntaggedSinceAsync(weekAgo, cancellationToken) is > 0 and var untagged)
            items.Add(new AttentionItem($"{Plural.Of(untagged, "paper")} on the curated days of the past {ReviewDays} days {(untagged == 1 ? "has" : "have")} no tag yet.", "admin/papers?untagged=true&curated=true"));
        return items;
    }

    /// <summary>How far back new, untagged papers wait for a curator's review.</summary>
    private const int ReviewDays = 7;
}

/// <summary>One thing that needs a curator, in a sentence, and the admin page where to act on it.</summary>
internal sealed record AttentionItem(string Text, string Link);
