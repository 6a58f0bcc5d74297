using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Meaning;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Meaning;

/// <summary>The app with a hosted (OpenAI-compatible) embedding model instead of the local one, chosen by settings alone.</summary>
public sealed class HostedEmbeddingAppFixture(PostgresServer server) : WebAppFixture(server)
{
    public FakeEmbeddingService Service { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Embeddings:Enabled"] = "true",
        ["Embeddings:Provider"] = "OpenAI",
        ["Embeddings:Endpoint"] = Service.Endpoint.AbsoluteUri,
        ["Embeddings:Model"] = FakeEmbeddingService.Model,
        ["Embeddings:ApiKey"] = "test-key",
        ["Embeddings:Dimensions"] = FakeEmbeddingService.Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async ValueTask InitializeAsync()
    {
        Service = await FakeEmbeddingService.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync();
        await Service.DisposeAsync();
    }
}

public sealed class HostedEmbeddingTests(HostedEmbeddingAppFixture app) : IClassFixture<HostedEmbeddingAppFixture>
{
    [Fact]
    public async Task SettingsAloneSwapTheLocalModelForAHostedOneAndEverythingUsesItsVectors()
    {
        var db = app.Database.ConnectionString;
        await Poll.UntilAsync(async () => await Sql.ScalarAsync<long>(db,
                $"SELECT count(*) FROM papers p LEFT JOIN paper_embeddings e ON e.arxiv_id = p.arxiv_id AND e.model = '{FakeEmbeddingService.Model}' WHERE e.arxiv_id IS NULL") == 0,
            "every paper to be embedded by the hosted model");

        Assert.Equal(FakeEmbeddingService.Model, app.Factory.Services.GetRequiredService<PaperEmbedder>().Model);
        Assert.Contains(app.Service.Requests, request => request.Model == FakeEmbeddingService.Model && request.Authorization == "Bearer test-key");
        // Stored with the hosted model's size, and made unit length though the service's vectors were not.
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, $"SELECT count(*) FROM paper_embeddings WHERE array_length(vector, 1) <> {FakeEmbeddingService.Dimensions}"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM paper_embeddings WHERE abs((SELECT sum(c::float8 * c::float8) FROM unnest(vector) AS c) - 1) > 0.001"));
        var index = app.Factory.Services.GetRequiredService<PaperVectorIndex>();
        await Poll.UntilAsync(() => Task.FromResult(index.IsReady && index.Count >= 100), "the index to load the hosted vectors");
        Assert.Equal(FakeEmbeddingService.Dimensions, index.Dimensions);

        // A search embeds its query through the hosted model too.
        var before = app.Service.Requests.Count;
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=agents+learning+in+simulated+worlds");
        Assert.NotEmpty(page.QuerySelectorAll(".search-results li"));
        Assert.True(app.Service.Requests.Count > before);

        // The hosted model goes away: searches go on with words alone instead of failing.
        await app.Service.StopAsync();
        var (gone, withoutMeaning) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=agents+in+simulated+worlds");
        Assert.Equal(System.Net.HttpStatusCode.OK, gone.StatusCode);
        Assert.NotEmpty(withoutMeaning.QuerySelectorAll(".search-results li"));
    }
}
