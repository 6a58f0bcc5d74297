using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Api;

public sealed class PaperApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task TheLatestDayComesByDefaultMostUpvotedFirst()
    {
        var page = await GetJsonAsync("/api/papers");

        Assert.Equal("2026-08-21", page.GetProperty("period").GetString());
        Assert.Equal(17, page.GetProperty("total").GetInt32());
        var upvotes = page.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("upvotes").GetInt32()).ToList();
        Assert.Equal(upvotes.OrderDescending(), upvotes);
        var first = page.GetProperty("papers")[0];
        Assert.Equal("2608.19880", first.GetProperty("id").GetString());
        Assert.Equal("https://arxiv.org/pdf/2608.19880", first.GetProperty("pdf").GetString());
    }

    [Theory]
    [InlineData("/api/papers?week=2026-W34", "2026-W34", 110, 100)]
    [InlineData("/api/papers?week=2026-W34&page=2", "2026-W34", 110, 10)]
    [InlineData("/api/papers?month=2026-08&page=3", "2026-08", 0, 0)]
    [InlineData("/api/papers?date=2026-08-18", "2026-08-18", 29, 29)]
    public async Task PeriodsArePaged(string path, string period, int total, int onPage)
    {
        var page = await GetJsonAsync(path);

        Assert.Equal(period, page.GetProperty("period").GetString());
        Assert.Equal(total, page.GetProperty("total").GetInt32());
        Assert.Equal(onPage, page.GetProperty("papers").GetArrayLength());
    }

    [Fact]
    public async Task AQueryReturnsSearchResults()
    {
        var page = await GetJsonAsync("/api/papers?q=EnvHarness");

        Assert.Equal("EnvHarness", page.GetProperty("query").GetString());
        Assert.Equal("2608.19880", page.GetProperty("papers")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task ATagNarrowsADayAndASearch()
    {
        var day = await GetJsonAsync("/api/papers?date=2026-08-21");
        var taggedDay = await GetJsonAsync("/api/papers?date=2026-08-21&tag=agents");
        var search = await GetJsonAsync("/api/papers?q=model");
        var taggedSearch = await GetJsonAsync("/api/papers?q=model&tag=robotics");

        Assert.InRange(taggedDay.GetProperty("total").GetInt32(), 1, day.GetProperty("total").GetInt32() - 1);
        Assert.Contains("2608.19880", taggedDay.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.InRange(taggedSearch.GetProperty("total").GetInt32(), 1, search.GetProperty("total").GetInt32() - 1);
    }

    [Theory]
    [InlineData("/api/papers/2608.19880")]
    [InlineData("/api/papers/arXiv:2608.19880v2")]
    public async Task APaperIsFoundByAnyFormOfItsId(string path)
    {
        var paper = await GetJsonAsync(path);

        Assert.Equal("2608.19880", paper.GetProperty("id").GetString());
        Assert.StartsWith("LLM agents learn", paper.GetProperty("abstract").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/papers?date=2026-02-30", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers?date=2026-08-18&week=2026-W34", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers?week=x", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers/2608.00000", HttpStatusCode.NotFound)]
    [InlineData("/api/papers/not-a-paper", HttpStatusCode.NotFound)]
    [InlineData("/api/papers?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/papers?page=99999999999", HttpStatusCode.BadRequest)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    public async Task BadRequestsGetAProblemThatSaysWhatToDo(string path, HttpStatusCode status)
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task TheApiIsDescribedByOpenApiAndNothingElseIs()
    {
        var document = await GetJsonAsync("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/papers", "/api/papers/{id}"], paths.Order(StringComparer.Ordinal));
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value).ToList();
        Assert.All(operations, operation =>
        {
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()));
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()));
            Assert.Contains(operation.GetProperty("responses").EnumerateObject(), response => response.Name.StartsWith('4'));
        });
        var page = document.GetProperty("paths").GetProperty("/api/papers").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "page");
        Assert.Equal("integer", page.GetProperty("schema").GetProperty("type").GetString());
        Assert.False(document.GetProperty("servers")[0].GetProperty("url").GetString()!.EndsWith('/'));
    }

    [Fact]
    public async Task RedoclyFindsNoErrorInTheApiDocument()
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);

        var (exitCode, output) = await OutsideTools.RedoclyLintAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.True(exitCode == 0, output);
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }
}
