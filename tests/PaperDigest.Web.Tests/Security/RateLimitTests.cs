using System.Globalization;
using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Security;

public sealed class TightRateLimitsAppFixture(PostgresServer server) : WebAppFixture(server)
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["RateLimits:SignInsPerClientPerMinute"] = "2",
        ["RateLimits:SearchesPerClientPerMinute"] = "3",
    };
}

/// <summary>Sign-in and search limits per client: 429, Retry-After and one sentence, while other pages stay open.</summary>
public sealed class RateLimitTests(TightRateLimitsAppFixture app) : IClassFixture<TightRateLimitsAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 60);
        Assert.Matches(@"^Too many requests from your address; please wait \d+ seconds and try again\.$", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task SearchesBeyondTheLimitAreRefusedAcrossPagesApiAndFeedsButBrowsingIsNot()
    {
        var client = app.Factory.CreateClient();
        string[] searches = ["/search?q=model", "/api/papers?q=model", "/feeds/search.atom?q=model"];
        foreach (var path in searches)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(path, UriKind.Relative), Cancel)).StatusCode);

        await AssertRefusedAsync(await client.GetAsync(new Uri("/search?q=agents", UriKind.Relative), Cancel));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/papers", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task SignInAttemptsBeyondTheLimitAreRefusedBeforeAnyPasswordIsChecked()
    {
        var client = Admin.AdminSession.Client(app.Factory);
        for (var attempt = 0; attempt < 2; attempt++)
            Assert.Equal(HttpStatusCode.OK, (await Admin.AdminSession.SignInAsync(client, "nobody@example.com", "wrong password here")).StatusCode);

        await AssertRefusedAsync(await Admin.AdminSession.SignInAsync(client, "nobody@example.com", "wrong password here"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/signin", UriKind.Relative), Cancel)).StatusCode);
    }
}
