namespace PaperDigest.Web.Jobs;

/// <summary>Settings under <c>Scheduling</c>: when the recurring jobs fire (Quartz cron expressions, UTC).</summary>
public sealed class SchedulingOptions
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
}
