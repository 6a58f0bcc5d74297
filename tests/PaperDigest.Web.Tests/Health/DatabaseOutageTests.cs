using System.Net;
using Npgsql;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

/// <summary>The app's database stops accepting connections under a running app, then comes back.</summary>
public sealed class DatabaseOutageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // What an outage looks like from the app: every connection refused, the open ones cut.
    private async Task SetAcceptingConnectionsAsync(bool accepting)
    {
        var target = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(
            $"ALTER DATABASE \"{target.Database}\" WITH ALLOW_CONNECTIONS {(accepting ? "true" : "false")};" +
            (accepting ? "" : $" SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{target.Database}';"), connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    [Fact]
    public async Task WhileTheDatabaseIsDownPagesAnswer503InASentenceHealthSaysSoAndAllRecoversWithoutARestart()
    {
        var client = app.Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/search?q=agents", UriKind.Relative), Cancel)).StatusCode);

        await SetAcceptingConnectionsAsync(false);
        try
        {
            var page = await client.GetAsync(new Uri("/search?q=diffusion", UriKind.Relative), Cancel);
            var api = await client.GetAsync(new Uri("/api/papers?q=diffusion", UriKind.Relative), Cancel);
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Cancel);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Equal("30", page.Headers.GetValues("Retry-After").Single());
            Assert.Contains("PaperDigest cannot reach its database right now; please try again in a minute.", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("\"name\":\"database\",\"status\":\"Unhealthy\"", await health.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
            // A page the cache already holds is still served.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/search?q=agents", UriKind.Relative), Cancel)).StatusCode);
        }
        finally
        {
            await SetAcceptingConnectionsAsync(true);
        }

        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        while ((status = (await client.GetAsync(new Uri("/search?q=robot", UriKind.Relative), Cancel)).StatusCode) != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still {status} 15 s after the database came back.");
            await Task.Delay(200, Cancel);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative), Cancel)).StatusCode);
    }
}
