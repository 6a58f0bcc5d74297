using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class IngestionOptionsTests
{
    [Fact]
    public void ByDefaultEachRunRescrapesEveryDayAPaperCanBeOnTrendingFor()
    {
        // Today plus the days before it: the same seven days trending ranks, so no paper ranks on frozen counts.
        Assert.Equal(TrendingPapers.WindowDays, new IngestionOptions().RescrapeDays + 1);
    }
}
