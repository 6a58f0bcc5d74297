using System.Globalization;
using System.Text.RegularExpressions;

namespace PaperDigest.Core.Papers;

public enum PeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>A span of listing days readers browse by: a day, an ISO week (Monday to Sunday) or a calendar month.</summary>
public sealed partial record ListingPeriod(PeriodKind Kind, DateOnly First, DateOnly Last)
{
    [GeneratedRegex(@"^(\d{4})-W(\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex WeekKey();

    [GeneratedRegex(@"^(\d{4})-(\d{2})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex MonthKey();

    public static ListingPeriod Of(PeriodKind kind, DateOnly day)
    {
        switch (kind)
        {
            case PeriodKind.Week:
                var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday));
                return new(kind, monday, monday.AddDays(6));
            case PeriodKind.Month:
                var first = new DateOnly(day.Year, day.Month, 1);
                return new(kind, first, first.AddMonths(1).AddDays(-1));
            default:
                return new(PeriodKind.Day, day, day);
        }
    }

    /// <summary>The period's address: <c>2026-08-21</c>, <c>2026-W34</c> or <c>2026-08</c>.</summary>
    public string Key => Kind switch
    {
        PeriodKind.Week => $"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):D2}",
        PeriodKind.Month => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    public static bool TryParse(PeriodKind kind, string? key, out ListingPeriod period)
    {
        period = null!;
        if (key is null)
            return false;
        switch (kind)
        {
            case PeriodKind.Week when WeekKey().Match(key) is { Success: true } week:
                var (year, number) = (Number(week.Groups[1].Value), Number(week.Groups[2].Value));
                if (!Plausible(year) || number < 1 || number > ISOWeek.GetWeeksInYear(year))
                    return false;
                period = Of(kind, DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Monday)));
                return true;
            case PeriodKind.Month when MonthKey().Match(key) is { Success: true } month:
                var (monthYear, monthNumber) = (Number(month.Groups[1].Value), Number(month.Groups[2].Value));
                if (!Plausible(monthYear) || monthNumber is < 1 or > 12)
                    return false;
                period = Of(kind, new DateOnly(monthYear, monthNumber, 1));
                return true;
            case PeriodKind.Day when DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && Plausible(day.Year):
                period = Of(kind, day);
                return true;
            default:
                return false;
        }
    }

    public ListingPeriod Containing(DateOnly day) => Of(Kind, day);

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    // arXiv began in 1991; far-off years are typos or probes, and DateOnly arithmetic near its limits would throw.
    private static bool Plausible(int year) => year is >= 1990 and <= 2200;

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
