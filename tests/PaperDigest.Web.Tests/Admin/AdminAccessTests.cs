using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>Who gets into /admin: route enumeration, sign-in, lockout, antiforgery, sign-out and the audit rows they leave.</summary>
public sealed partial class AdminAccessTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryAdminRouteSendsAnAnonymousVisitorToSignIn()
    {
        var routes = app.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith("/admin", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Method: method, Path: "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), "1"))))
            .Where(route => route.Path != "/admin/signin")
            .Distinct()
            .ToList();
        // The pages and endpoints that exist now; the list grows as admin pages are added, and each one is checked.
        Assert.Contains(("GET", "/admin"), routes);
        Assert.Contains(("GET", "/admin/audit"), routes);
        Assert.Contains(("POST", "/admin/signout"), routes);
        Assert.Contains(("GET", "/admin/subscribers.csv"), routes);
        Assert.Contains(("GET", "/admin/papers/1"), routes);

        var client = AdminSession.Client(app.Factory);
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
                request.Content = new FormUrlEncodedContent([]);
            var response = await client.SendAsync(request, Cancel);
            Assert.True(response.StatusCode == HttpStatusCode.Found, $"{method} {path} answered {(int)response.StatusCode}");
            Assert.StartsWith("https://localhost/admin/signin?ReturnUrl=", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheRightPasswordOpensTheAdminPagesWithASecureCookieAndIsAudited()
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);
        var client = AdminSession.Client(app.Factory);

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://localhost/admin", response.Headers.Location!.AbsoluteUri);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("PaperDigest.Admin=", StringComparison.Ordinal));
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var (home, page) = await HtmlPages.GetAsync(client, "/admin");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(email, page.QuerySelector(".admin-signout")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            $"SELECT count(*) FROM audit_entries WHERE actor = '{email}' AND action = 'admin.sign-in'"));
    }

    [Fact]
    public async Task TheSignInFormAlsoWorksOnADevelopersPlainHttpLocalhost()
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);
        var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedInOneSentenceAndFiveLockTheAccountEvenAgainstTheRightOne()
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);
        var client = AdminSession.Client(app.Factory);

        var first = await AdminSession.SignInAsync(client, email, "not the password at all");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("That email and password do not match an admin account", await first.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        for (var attempt = 2; attempt <= 5; attempt++)
            await AdminSession.SignInAsync(client, email, "not the password at all");

        var locked = await AdminSession.SignInAsync(client, email, AdminSession.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("This account is locked after too many failed sign-ins", await locked.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync(new Uri("/admin", UriKind.Relative), Cancel)).StatusCode);
        // Every refusal is in the audit log, under the address that was tried, and no password is.
        var refusals = await Sql.StringsAsync(app.Database.ConnectionString,
            $"SELECT after FROM audit_entries WHERE actor = '{email}' AND action = 'admin.sign-in-refused' ORDER BY id");
        Assert.Equal(6, refusals.Count);
        Assert.Equal(("wrong email or password", "locked out"), (refusals[0], refusals[^1]));
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString,
            "SELECT count(*) FROM audit_entries WHERE concat(actor, subject, before, after) LIKE '%not the password%' OR concat(actor, subject, before, after) LIKE '%correct horse%'"));
    }

    [Fact]
    public async Task ASignInPostWithoutTheAntiforgeryTokenIsRejected()
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);
        var client = AdminSession.Client(app.Factory);

        var response = await client.PostAsync(new Uri("/admin/signin", UriKind.Relative), new FormUrlEncodedContent(
            [KeyValuePair.Create("_handler", "admin-signin"), KeyValuePair.Create("Input.Email", email), KeyValuePair.Create("Input.Password", AdminSession.Password)]),
            Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("PaperDigest.Admin=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("https://evil.example/admin")]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example")]
    [InlineData("/papers/trending")]
    public async Task SigningInNeverRedirectsOutsideTheAdminPages(string returnUrl)
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);

        var response = await AdminSession.SignInAsync(AdminSession.Client(app.Factory), email, AdminSession.Password,
            "/admin/signin?ReturnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("https://localhost/admin", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task SigningInReturnsToTheAdminPageFirstAskedFor()
    {
        var email = await AdminSession.CreateAdminAsync(app.Factory);
        var client = AdminSession.Client(app.Factory);
        var refused = await client.GetAsync(new Uri("/admin/audit?q=x", UriKind.Relative), Cancel);

        var response = await AdminSession.SignInAsync(client, email, AdminSession.Password, refused.Headers.Location!.PathAndQuery);

        Assert.Equal("https://localhost/admin/audit?q=x", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task SigningOutNeedsTheFormsTokenEndsTheSessionAndIsAudited()
    {
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var forged = await client.PostAsync(new Uri("/admin/signout", UriKind.Relative), new FormUrlEncodedContent([]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin", UriKind.Relative), Cancel)).StatusCode);

        var signedOut = await AdminSession.SubmitAsync(client, "/admin", ".admin-signout");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Found, (await client.GetAsync(new Uri("/admin", UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(1, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM audit_entries WHERE action = 'admin.sign-out'"));
    }

    [Fact]
    public async Task TheAuditLogShowsEntriesAsTextAndFiltersThem()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO audit_entries (at, actor, action, subject, before, after)
            VALUES (now(), 'curator@example.com', 'paper.edit', 'paper 2401.00001', 'Old <b>title</b>', '<script>alert(1)</script>');
            """);
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        var (response, page) = await HtmlPages.GetAsync(client, "/admin/audit?q=paper.edit");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(page.QuerySelectorAll("tbody tr"));
        Assert.Contains("<script>alert(1)</script>", row.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("tbody script, tbody b"));
    }

    [Fact]
    public async Task TheAuditLogIsSearchedInItsValuesFilteredByActionActorAndDayAndLinksToItsSubjects()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO audit_entries (at, actor, action, subject, before, after) VALUES
                ('2026-03-01 10:00Z', 'ada@example.com', 'tag.rename', 'tag world-models', 'World models', 'Simulators of the world'),
                ('2026-03-02 10:00Z', 'ada@example.com', 'paper.hide', 'paper 2403.00002', 'shown', 'hidden'),
                ('2026-03-03 10:00Z', 'bob@example.com', 'paper.hide', 'paper 2403.00003', 'shown', 'hidden');
            """);
        var client = await AdminSession.SignedInClientAsync(app.Factory);

        async Task<List<string>> SubjectsAsync(string query) =>
            (await HtmlPages.GetAsync(client, "/admin/audit?" + query)).Document.QuerySelectorAll("tbody td[data-label=Subject]").Select(td => td.TextContent.Trim()).ToList();

        Assert.Equal(["tag world-models"], await SubjectsAsync("q=simulators"));
        Assert.Equal(["paper 2403.00003", "paper 2403.00002"], await SubjectsAsync("action=paper.hide&from=2026-03-01&to=2026-03-03"));
        Assert.Equal(["paper 2403.00002"], await SubjectsAsync("action=paper.hide&actor=ada&from=2026-03-01&to=2026-03-03"));
        Assert.Equal(["paper 2403.00002"], await SubjectsAsync("action=paper.hide&from=2026-03-02&to=2026-03-02"));
        var (_, page) = await HtmlPages.GetAsync(client, "/admin/audit?q=2403.00002");
        Assert.Equal("admin/papers/2403.00002", page.QuerySelector("tbody td[data-label=Subject] a")!.GetAttribute("href"));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
