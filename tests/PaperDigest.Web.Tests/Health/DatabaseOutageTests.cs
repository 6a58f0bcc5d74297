using System.Net;
using Npgsql;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

/// <summary>The app's database stops accepting connections under a running app, then comes back.</summary>
public sealed class DatabaseOutageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    // What an outage of one database looks like from the app: every connection refused, the open ones cut.
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
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(OutageExpectations.CachedPage, UriKind.Relative), Cancel)).StatusCode);

        await SetAcceptingConnectionsAsync(false);
        try
        {
            await OutageExpectations.AssertAnsweredAsUnavailableAsync(client);
        }
        finally
        {
            await SetAcceptingConnectionsAsync(true);
        }

        await OutageExpectations.AssertRecoversAsync(client);
    }
}
