using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion.Thumbnails;
using PaperDigest.Core.Papers.Thumbnails;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

/// <summary>Thumbnails copied from a loopback image host into the database.</summary>
public sealed class ThumbnailCopierTests(TestDatabase database, FakeSources sources)
    : IClassFixture<TestDatabase>, IClassFixture<FakeSources>, IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await database.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ImagesAreKeptAndAnythingElseIsRecordedAsAFailure()
    {
        await AddPapersAsync(("2601.00001", "thumbnails/a.png"), ("2601.00002", "thumbnails/b.svg"), ("2601.00003", "thumbnails/missing"));

        var stored = await CopyAsync();

        await using var db = database.CreateContext();
        var thumbnails = await db.PaperThumbnails.OrderBy(t => t.ArxivId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, stored);
        Assert.Equal(["2601.00001", "2601.00002", "2601.00003"], thumbnails.Select(t => t.ArxivId));
        Assert.Equal("image/png", thumbnails[0].ContentType);
        Assert.Equal(Convert.FromBase64String(FakeSources.OnePixelPng), thumbnails[0].Image);
        Assert.Null(thumbnails[1].Image);
        Assert.Contains("not a PNG", thumbnails[1].Error, StringComparison.Ordinal);
        Assert.Null(thumbnails[2].Image);
        Assert.Contains("404", thumbnails[2].Error, StringComparison.Ordinal);
        Assert.Equal(0, await CopyAsync()); // failures wait a day before they are tried again
    }

    [Fact]
    public async Task AnUnreachableHostStopsTheBatch()
    {
        await AddPapersAsync(("2601.00001", "http://127.0.0.1:1/a.png"), ("2601.00002", "thumbnails/a.png"));

        await CopyAsync();

        await using var db = database.CreateContext();
        var attempted = Assert.Single(await db.PaperThumbnails.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal("2601.00001", attempted.ArxivId); // the newer paper; the older one waits for the next run
        Assert.Contains("did not answer", attempted.Error, StringComparison.Ordinal);
    }

    // Papers are given newest first, the order the copier takes them in.
    private async Task AddPapersAsync(params (string Id, string Thumbnail)[] papers)
    {
        await using var db = database.CreateContext();
        var seen = DateTimeOffset.UtcNow;
        foreach (var (id, thumbnail) in papers)
        {
            seen = seen.AddMinutes(-1);
            db.Papers.Add(new Core.Papers.Paper
            {
                ArxivId = id, Title = id, ThumbnailUrl = new Uri(sources.BaseUrl, thumbnail).AbsoluteUri, FirstSeenAt = seen, UpdatedAt = seen,
            });
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private async Task<int> CopyAsync()
    {
        await using var provider = CoreServices.Create(database.ConnectionString, new Dictionary<string, string?>
        {
            ["Ingestion:MaxRetries"] = "1",
            ["Ingestion:RetryBaseDelay"] = "00:00:00.050",
            ["Ingestion:AttemptTimeout"] = "00:00:02",
            ["Ingestion:HuggingFace:RequestDelay"] = "00:00:00",
            // The thumbnails come from the loopback fake.
            ["Ingestion:AllowPrivateAddresses"] = "true",
        });
        await using var scope = provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ThumbnailCopier>().CopyMissingAsync(10, TestContext.Current.CancellationToken);
    }
}
