namespace PaperDigest.Web.Jobs;

/// <summary>Settings under <c>Scheduling</c>: when the recurring jobs fire (Quartz cron expressions, UTC).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Ingest today and re-scrape the previous days; hourly at minute 7 by default.</summary>
    public string IngestListingsCron { get; set; } = "0 7 * * * ?";
}
