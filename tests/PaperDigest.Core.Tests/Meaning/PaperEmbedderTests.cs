using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Meaning;

public sealed class PaperEmbedderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task AModelAnsweringWithAnotherSizeThanConfiguredIsRefusedAndNothingIsStored()
    {
        await database.ResetAsync();
        await Sql.InsertPaperAsync(database.ConnectionString, "2608.00001", "A paper", "Its abstract.");
        var embedder = new PaperEmbedder(new DatabaseConnection(database.ConnectionString), new TenComponents(),
            Options.Create(new EmbeddingOptions()), TimeProvider.System, NullLogger<PaperEmbedder>.Instance);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => embedder.EmbedPendingAsync(null, TestContext.Current.CancellationToken));

        Assert.Equal("The embedding model returned 10 components, but Embeddings:Dimensions is 384; set it to 10 and restart.", refused.Message);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(database.ConnectionString, "SELECT count(*) FROM paper_embeddings"));
        Assert.Equal(1, await embedder.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    private sealed class TenComponents : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
            CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[10]))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
