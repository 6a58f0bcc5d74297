using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class SampleListingImporterTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task TheShippedSampleFillsAnEmptyDatabaseOnceAndOnlyOnce()
    {
        await database.ResetAsync();

        var first = await ImportAsync();
        var papers = await database.CreateContext().Papers.CountAsync(TestContext.Current.CancellationToken);
        var second = await ImportAsync();

        // Five real days, 2026-08-17 to 2026-08-21: 23 + 29 + 26 + 15 + 17 listings of 110 distinct papers.
        Assert.Equal(110, first);
        Assert.Equal(110, papers);
        Assert.Equal(0, second);
        await using var db = database.CreateContext();
        Assert.Equal(110, await db.Listings.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            [new DateOnly(2026, 8, 17), new DateOnly(2026, 8, 18), new DateOnly(2026, 8, 19), new DateOnly(2026, 8, 20), new DateOnly(2026, 8, 21)],
            await db.Listings.Select(l => l.Day).Distinct().OrderBy(d => d).ToListAsync(TestContext.Current.CancellationToken));
    }

    private async Task<int> ImportAsync()
    {
        await using var db = database.CreateContext();
        var ingestion = new ListingIngestionService(new ListingStore(db, new PublicPageCache(), TimeProvider.System, NullLogger<ListingStore>.Instance));
        return await new SampleListingImporter(db, ingestion, NullLogger<SampleListingImporter>.Instance).ImportIfEmptyAsync(TestContext.Current.CancellationToken);
    }
}
