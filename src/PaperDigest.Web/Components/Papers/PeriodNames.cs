using System.Globalization;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.Components.Papers;

/// <summary>How pages and feeds name days, weeks and months; their addresses come from the site map (SiteLinks).</summary>
public static class PeriodNames
{
    /// <summary>"Friday, 21 August 2026", "Week 34 of 2026 (17–23 August)" or "August 2026".</summary>
    public static string Describe(ListingPeriod period) => period.Kind switch
    {
        PeriodKind.Week => $"Week {period.Key[^2..].TrimStart('0')} of {period.Key[..4]} ({period.First.ToString("d MMMM", CultureInfo.InvariantCulture)} to {period.Last.ToString("d MMMM", CultureInfo.InvariantCulture)})",
        PeriodKind.Month => period.First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => LongDate(period.First),
    };

    public static string LongDate(DateOnly day) => day.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
