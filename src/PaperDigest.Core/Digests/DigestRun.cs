using System.Globalization;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>What one run of an edition did; <see cref="Error"/> when it had to stop (the mail server went away).</summary>
public sealed record DigestRun(DigestFrequency Frequency, DateOnly? EditionDay, int Sent, int Skipped, int Failed, int Deferred, string? Error = null)
{
    public string Describe(bool dryRun) => EditionDay is not { } day
        ? "No papers are listed yet, so there is no edition to send."
        : string.Create(CultureInfo.InvariantCulture,
            $"{Frequency} edition of {day:yyyy-MM-dd}: {Sent} {(dryRun ? "would be sent" : "sent")}, {Skipped} skipped (nothing new for them), {Failed} failed, {Deferred} left for a later run.{(Error is null ? "" : " Stopped: " + Error)}");
}
