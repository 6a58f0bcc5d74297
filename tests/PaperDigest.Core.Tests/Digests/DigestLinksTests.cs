using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Mail;

namespace PaperDigest.Core.Tests.Digests;

public sealed class DigestLinksTests
{
    private static string? ProblemOf(string environment, string baseUrl, bool allowLocal = false) =>
        new DigestLinks(Options.Create(new SiteOptions { BaseUrl = new Uri(baseUrl), AllowLocalBaseUrl = allowLocal }),
            new HostingEnvironment { EnvironmentName = environment }).Problem;

    [Theory]
    [InlineData("http://localhost:5046/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://app.localhost/")]
    public void OutsideDevelopmentALocalBaseUrlHoldsDigestsBack(string baseUrl)
    {
        Assert.StartsWith($"Digests are not sent because Site:BaseUrl is {baseUrl}", ProblemOf(Environments.Production, baseUrl), StringComparison.Ordinal);
        Assert.NotNull(ProblemOf(Environments.Staging, baseUrl));
    }

    [Fact]
    public void APublicAddressDevelopmentOrAnExplicitLocalTrialSendDigests()
    {
        Assert.Null(ProblemOf(Environments.Production, "https://papers.example.org/"));
        Assert.Null(ProblemOf(Environments.Development, "http://localhost:5046/"));
        Assert.Null(ProblemOf(Environments.Production, "http://localhost:8080/", allowLocal: true));
    }
}
