using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tests.Papers;

public sealed class ListingPeriodTests
{
    [Theory]
    [InlineData("2026-W34", "2026-08-17", "2026-08-23")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    public void IsoWeeksRunMondayToSundayAcrossYearEnds(string key, string first, string last)
    {
        Assert.True(ListingPeriod.TryParse(PeriodKind.Week, key, out var week));

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (week.First, week.Last));
        Assert.Equal(key, week.Key);
    }

    [Fact]
    public void AMonthCoversItsCalendarDays()
    {
        Assert.True(ListingPeriod.TryParse(PeriodKind.Month, "2024-02", out var february));

        Assert.Equal((new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29)), (february.First, february.Last));
        Assert.Equal(ListingPeriod.Of(PeriodKind.Month, new DateOnly(2024, 2, 17)), february);
    }

    [Theory]
    [InlineData(PeriodKind.Week, "2026-W00")]
    [InlineData(PeriodKind.Week, "2025-W53")]
    [InlineData(PeriodKind.Month, "2026-00")]
    [InlineData(PeriodKind.Month, "0001-01")]
    [InlineData(PeriodKind.Day, "9999-12-31")]
    [InlineData(PeriodKind.Day, "2026-02-30")]
    [InlineData(PeriodKind.Day, "'; DROP TABLE papers; --")]
    [InlineData(PeriodKind.Week, null)]
    public void ImpossibleOrImplausibleKeysAreRejected(PeriodKind kind, string? key)
    {
        Assert.False(ListingPeriod.TryParse(kind, key, out _));
    }
}
