using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

public sealed class OutputCacheTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    // Each test changes what the others read (hidden, pinned, edited, merged, tagged or cached papers), so each starts
    // from the sample alone.
    public async ValueTask InitializeAsync() => await app.ResetToSampleAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task PagesAreCachedForEveryoneAndSetNoCookie()
    {
        var client = app.Factory.CreateClient();
        await client.GetAsync(new Uri("/papers/week/2026-W34", UriKind.Relative), TestContext.Current.CancellationToken);

        var again = await client.GetAsync(new Uri("/papers/week/2026-W34", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.NotNull(again.Headers.Age);
        Assert.False(again.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ApiAnswersAreCachedUntilIngestionChangesTheData()
    {
        var client = app.Factory.CreateClient();
        var before = await TitlesAsync(client);
        // A write behind the app's back is not seen while the answer is cached...
        await Sql.ExecuteAsync(app.Database.ConnectionString, "UPDATE papers SET title = 'Changed behind the cache' WHERE arxiv_id = '2608.19880'");
        var cachedResponse = await client.GetAsync(new Uri("/api/papers", UriKind.Relative), TestContext.Current.CancellationToken);
        var cached = await TitlesAsync(client);

        // ...and an ingestion that changes data evicts it.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var listing = new ScrapedListing(ListingSources.HuggingFace, new DateOnly(2026, 8, 21),
                [new ScrapedPaper { ArxivId = "2608.99999", Title = "A paper ingested after the answer was cached", Upvotes = 1000 }]);
            await scope.ServiceProvider.GetRequiredService<ListingIngestionService>()
                .IngestAsync(ListingSources.HuggingFace, "test", _ => Task.FromResult(new ParseResult([listing], [])), TestContext.Current.CancellationToken);
        }
        var after = await TitlesAsync(client);

        Assert.Equal(before, cached);
        Assert.NotNull(cachedResponse.Headers.Age);
        Assert.Equal("A paper ingested after the answer was cached", after[0]);
        Assert.Contains("Changed behind the cache", after);
    }

    private static async Task<List<string>> TitlesAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/papers", UriKind.Relative), TestContext.Current.CancellationToken);
        return page.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("title").GetString()!).ToList();
    }
}
