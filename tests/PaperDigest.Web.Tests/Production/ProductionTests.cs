using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperDigest.Testing;
using PaperDigest.Web.Tests.Admin;

namespace PaperDigest.Web.Tests.Production;

/// <summary>
/// What only Production does, which the Development-hosted tests never reach: the error page and problem+json
/// without a stack trace, HSTS, Secure cookies, no migrations at start, and digests held back while their links
/// would point at localhost.
/// </summary>
public sealed class ProductionTests(ProductionAppFixture app, PostgresServer server) : IClassFixture<ProductionAppFixture>
{
    private HttpClient Client(string baseAddress = "http://localhost") =>
        app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    [Fact]
    public async Task AFailingQueryGetsTheErrorPageOrAProblemAndNeverAStackTrace()
    {
        // A table gone missing (a botched manual change) makes queries fail: a bug to report, not an outage to wait out.
        await Sql.ExecuteAsync(app.Database.ConnectionString, "ALTER TABLE tags RENAME TO tags_moved_away");
        try
        {
            var page = await Client().GetAsync(new Uri($"/tags?nocache={Guid.NewGuid():N}", UriKind.Relative), TestContext.Current.CancellationToken);
            var api = await Client().GetAsync(new Uri($"/api/papers?tag=agents&nocache={Guid.NewGuid():N}", UriKind.Relative), TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("The page could not be shown because of an error on our side", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            var problem = await api.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("The API failed on our side", problem, StringComparison.Ordinal);
            foreach (var body in new[] { html, problem })
            {
                Assert.DoesNotContain("tags_moved_away", body, StringComparison.Ordinal);
                Assert.DoesNotContain(" at PaperDigest.", body, StringComparison.Ordinal);
                Assert.DoesNotContain(".cs:line", body, StringComparison.Ordinal);
            }
        }
        finally
        {
            await Sql.ExecuteAsync(app.Database.ConnectionString, "ALTER TABLE tags_moved_away RENAME TO tags");
        }
    }

    [Theory]
    [InlineData("/api/papers?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]
    public async Task ApiErrorsAreProblemsInProductionToo(string path, HttpStatusCode status)
    {
        var response = await Client().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _));
    }

    [Fact]
    public async Task HttpsAnswersCarryHstsAndTheAdminCookieIsSecure()
    {
        // HSTS is never sent to localhost, so the site is asked for under a real-looking name.
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://paperdigest.test"), AllowAutoRedirect = false, HandleCookies = true,
        });

        var home = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
        var signIn = await AdminSession.SignInAsync(client, await AdminSession.CreateAdminAsync(app.Factory), AdminSession.Password);

        Assert.StartsWith("max-age=", home.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, cookie => Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd")]
    [InlineData("gzip")]
    [InlineData("")]
    public async Task TheStylesheetAndScriptsAreServedWhateverEncodingTheBrowserAccepts(string acceptEncoding)
    {
        var client = Client();
        var (_, page) = await HtmlPages.GetAsync(client, "/search?q=agent");
        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")).ToList();
        Assert.Equal(3, assets.Count);

        foreach (var asset in assets)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + asset, UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(response.Content.Headers.ContentType);
            Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 100, $"{asset} came back empty");
        }
    }

    [Fact]
    public async Task DigestsAreHeldBackWhileTheirLinksWouldPointAtLocalhost()
    {
        var health = await Client().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        var report = await health.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var check = report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "digest-links");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Equal(
            "Digests are not sent because their links would point at http://localhost:5046/, an address readers cannot open; set Site__BaseUrl to the site's public address and restart.",
            check.GetProperty("description").GetString());
    }

    [Fact]
    public async Task ProductionRefusesToStartOnAnUnmigratedDatabaseAndSaysWhatToRun()
    {
        var connectionString = await server.CreateDatabaseAsync(migrated: false);
        // The real app process, as an operator starts it: no verb, Production (the default outside launchSettings).
        var outcome = await AppProcess.RunAsync([], new Dictionary<string, string> { ["ConnectionStrings:PaperDigest"] = connectionString, ["Urls"] = "http://127.0.0.1:0" },
            TestContext.Current.CancellationToken, limit: TimeSpan.FromMinutes(1));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("The database lacks ", outcome.Output, StringComparison.Ordinal);
        Assert.Contains("run the migrate verb (dotnet PaperDigest.Web.dll migrate", outcome.Output, StringComparison.Ordinal);
        // Schema changes are the migrate verb's job, never a start's.
        Assert.False(await Sql.ScalarAsync<bool>(connectionString, "SELECT to_regclass('papers') IS NOT NULL"));
    }
}
