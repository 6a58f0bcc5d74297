using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

/// <summary>The app's database stops accepting connections under a running app, then comes back.</summary>
public sealed class DatabaseOutageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task SetAcceptingConnectionsAsync(bool accepting) => Sql.SetAcceptingConnectionsAsync(app.Database.ConnectionString, accepting);

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
