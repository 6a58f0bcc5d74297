using System.Globalization;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.Components.Papers;

/// <summary>The app's own URLs for papers and days, built in one place so pages and tests agree.</summary>
public static class PaperLinks
{
    // Old-style ids contain a slash (hep-th/9901001); the route takes the rest of the path, so it is not escaped.
    public static string PaperPage(string arxivId) => "papers/" + arxivId;

    public static string Thumbnail(string arxivId) => "thumbnails/" + arxivId;

    public static string TagPage(string slug) => "tags/" + Uri.EscapeDataString(slug);

    public static string DayPage(DateOnly day) => PeriodPage(ListingPeriod.Of(PeriodKind.Day, day));

    public static string PeriodPage(ListingPeriod period) => period.Kind switch
    {
        PeriodKind.Week => "papers/week/" + period.Key,
        PeriodKind.Month => "papers/month/" + period.Key,
        _ => "papers/date/" + period.Key,
    };

    /// <summary>"Friday, 21 August 2026", "Week 34 of 2026 (17–23 August)" or "August 2026".</summary>
    public static string Describe(ListingPeriod period) => period.Kind switch
    {
        PeriodKind.Week => $"Week {period.Key[^2..].TrimStart('0')} of {period.Key[..4]} ({period.First.ToString("d MMMM", CultureInfo.InvariantCulture)} to {period.Last.ToString("d MMMM", CultureInfo.InvariantCulture)})",
        PeriodKind.Month => period.First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        _ => LongDate(period.First),
    };

    public static string LongDate(DateOnly day) => day.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
