using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Meaning;

/// <summary>
/// The seconds after a start, while this instance's vector index loads: related papers wait for it instead of taking the
/// words' query (90 ms of PostgreSQL a page at 100,000 papers), and what was cached meanwhile goes once it has loaded.
/// </summary>
public sealed class IndexLoadingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RelatedPapersWaitForTheIndexAndThePagesCachedMeanwhileAreEvictedOnceItHasLoaded()
    {
        await database.ResetAsync();
        await Sql.ExecuteAsync(database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, abstract, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2601.07001', 'Zebra stripes as quantum lattices', 'Stripes.', now(), now(), 0, 0),
              ('2601.07002', 'Quantum lattices of zebra herds', 'Herds.', now(), now(), 0, 0),
              ('2601.07003', 'Lattices without animals', 'Plain.', now(), now(), 0, 0)
            """);
        var store = new EvictionRecorder();
        using var services = CoreServices.Create(database.ConnectionString, new Dictionary<string, string?> { ["Embeddings:Enabled"] = "true" },
            replace: collection => collection.AddSingleton<IOutputCacheStore>(store));
        await using var db = database.CreateContext();
        var listings = new PaperListings(db, services.GetRequiredService<SemanticSearch>());

        Assert.Empty(await listings.RelatedAsync("2601.07001", 5, Cancel));

        var loader = services.GetRequiredService<PaperVectorLoader>();
        await loader.StartAsync(Cancel);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(store.HasEvicted(PageTags.Everything)), "the pages cached while loading to be evicted",
                TimeSpan.FromSeconds(30));
        }
        finally
        {
            await loader.StopAsync(Cancel);
        }

        // Loaded, and these papers have no vector yet: their related papers come by their words.
        Assert.True(services.GetRequiredService<PaperVectorIndex>().IsReady);
        Assert.Equal("2601.07002", (await listings.RelatedAsync("2601.07001", 5, Cancel))[0].ArxivId);
    }

    private sealed class EvictionRecorder : IOutputCacheStore
    {
        private readonly List<string> evicted = [];

        public bool HasEvicted(string tag)
        {
            lock (evicted)
                return evicted.Contains(tag);
        }

        public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
        {
            lock (evicted)
                evicted.Add(tag);
            return ValueTask.CompletedTask;
        }

        public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

        public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
