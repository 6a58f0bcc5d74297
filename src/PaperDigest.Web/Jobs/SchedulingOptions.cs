using System.ComponentModel.DataAnnotations;
using PaperDigest.Core;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>Settings under <c>Scheduling</c>: when the recurring jobs fire (Quartz cron expressions, UTC).</summary>
public sealed class SchedulingOptions : IValidatableObject
{
    public const string Section = "Scheduling";

    /// <summary>Ingest today and re-scrape the previous days; hourly at minute 7 by default.</summary>
    public string IngestListingsCron { get; set; } = "0 7 * * * ?";

    /// <summary>The daily digest; 07:30 UTC by default, after the morning's listings are in.</summary>
    public string DailyDigestCron { get; set; } = "0 30 7 * * ?";

    /// <summary>The weekly digest; Mondays 07:30 UTC by default.</summary>
    public string WeeklyDigestCron { get; set; } = "0 30 7 ? * MON";

    /// <summary>Deleting expired email link tokens; 03:15 UTC by default, away from ingests and digests.</summary>
    public string PruneLinkTokensCron { get; set; } = "0 15 3 * * ?";

    // Checked at start: Quartz would otherwise refuse the expression only when it builds the trigger.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, cron) in new[]
                 {
                     (nameof(IngestListingsCron), IngestListingsCron), (nameof(DailyDigestCron), DailyDigestCron),
                     (nameof(WeeklyDigestCron), WeeklyDigestCron), (nameof(PruneLinkTokensCron), PruneLinkTokensCron),
                 })
        {
            if (!IsCron(cron))
                yield return ValidatedOptions.Invalid(Section, name, $"'{cron}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, such as 0 30 7 * * ?).");
        }
    }

    private static bool IsCron(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (Exception refused) when (refused is FormatException or ArgumentException)
        {
            return false;
        }
    }
}
