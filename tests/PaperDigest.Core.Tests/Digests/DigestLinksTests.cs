using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Tests.Digests;

public sealed class DigestLinksTests
{
    private static string? ProblemOf(string environment, string? baseUrl, bool allowLocal = false)
    {
        var options = Options.Create(new SiteOptions { BaseUrl = baseUrl is null ? null : new Uri(baseUrl), AllowLocalBaseUrl = allowLocal });
        return new DigestLinks(options, new SiteAddress(options), new HostingEnvironment { EnvironmentName = environment }).Problem;
    }

    [Theory]
    [InlineData("http://localhost:5046/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://app.localhost/")]
    public void OutsideDevelopmentALocalBaseUrlHoldsDigestsBack(string baseUrl)
    {
        Assert.StartsWith($"Digests are not sent because their links would point at {baseUrl}", ProblemOf(Environments.Production, baseUrl), StringComparison.Ordinal);
        Assert.NotNull(ProblemOf(Environments.Staging, baseUrl));
    }

    [Fact]
    public void AnUnsetBaseUrlHoldsDigestsBackOutsideDevelopment()
    {
        Assert.Equal("Digests are not sent because their links would point at http://localhost:5046/, an address readers cannot open; " +
                     "set Site__BaseUrl to the site's public address and restart.", ProblemOf(Environments.Production, null));
        Assert.Null(ProblemOf(Environments.Development, null));
    }

    [Fact]
    public void APublicAddressDevelopmentOrAnExplicitLocalTrialSendDigests()
    {
        Assert.Null(ProblemOf(Environments.Production, "https://papers.example.org/"));
        Assert.Null(ProblemOf(Environments.Development, "http://localhost:5046/"));
        Assert.Null(ProblemOf(Environments.Production, "http://localhost:8080/", allowLocal: true));
    }
}
