using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Testing;
using Quartz;

namespace PaperDigest.Web.Tests.Health;

public sealed class HealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync() => HealthAsync(app.Factory.CreateClient());

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
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

    [Fact]
    public async Task AnInstanceWhoseSchedulerIsStillStartingServesAndSaysSo()
    {
        // Quartz starts after the app has started; a long start delay holds this instance in that moment.
        await using var starting = app.Factory.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.PostConfigureAll<QuartzHostedServiceOptions>(options => options.StartDelay = TimeSpan.FromHours(1))));

        var (status, body) = await HealthAsync(starting.CreateClient());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", StatusOf(body, "scheduler"));
        Assert.Equal("Healthy", StatusOf(body, "database"));
    }
}
