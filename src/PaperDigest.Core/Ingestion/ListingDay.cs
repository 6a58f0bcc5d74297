using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperDigest.Core.Ingestion;

/// <summary>Reads the listing day from a saved file's name, for content that does not carry its own day.</summary>
public static partial class ListingDay
{
    [GeneratedRegex(@"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    public static DateOnly? FromFileName(string path)
    {
        var match = IsoDate().Match(Path.GetFileName(path));
        return match.Success && DateOnly.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : null;
    }
}
