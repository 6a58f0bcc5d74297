using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Security;

public sealed class SecurityHeadersTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search?q=model")]
    [InlineData("/feeds/daily.atom")]
    [InlineData("/api/papers")]
    [InlineData("/admin/signin")]
    public async Task EveryResponseCarriesTheSecurityHeadersCachedOrNot(string path)
    {
        var client = app.Factory.CreateClient();

        foreach (var attempt in new[] { "first", "cached" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

            var policy = string.Join(';', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.True(response.Headers.Contains("Referrer-Policy"), $"{attempt} {path} has no Referrer-Policy");
        }
    }

    [Fact]
    public async Task APrivatePageKeepsItsStricterReferrerPolicy()
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri("/subscription/" + new string('A', 43), UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
