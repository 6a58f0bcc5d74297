using System.Net;
using System.Text.Json;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

public sealed class HealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync()
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement);
    }

    private static string StatusOf(JsonElement body, string check) =>
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == check).GetProperty("status").GetString()!;

    [Fact]
    public async Task HealthCoversTheDatabaseTheSchedulerAndHowFreshTheLastIngestIs()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, "DELETE FROM source_health");
        var (before, stale) = await HealthAsync();

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Equal("Degraded", stale.GetProperty("status").GetString());
        Assert.Equal("Healthy", StatusOf(stale, "database"));
        Assert.Equal("Healthy", StatusOf(stale, "scheduler"));
        Assert.Equal("Degraded", StatusOf(stale, "ingestion"));

        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO source_health (source, consecutive_failures, last_attempt_at, last_success_at, disabled) VALUES ('huggingface', 0, now(), now(), false)
            """);
        var (_, fresh) = await HealthAsync();

        Assert.Equal("Healthy", fresh.GetProperty("status").GetString());
        Assert.Equal("Healthy", StatusOf(fresh, "ingestion"));
    }
}
