using System.Globalization;

namespace PaperDigest.Web.Components.Papers;

/// <summary>The app's own URLs for papers and days, built in one place so pages and tests agree.</summary>
public static class PaperLinks
{
    public const string DayFormat = "yyyy-MM-dd";

    // Old-style ids contain a slash (hep-th/9901001); the route takes the rest of the path, so it is not escaped.
    public static string PaperPage(string arxivId) => "papers/" + arxivId;

    public static string DayPage(DateOnly day) => "papers/date/" + day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string LongDate(DateOnly day) => day.ToString("dddd, d MMMM yyyy", CultureInfo.InvariantCulture);
}
