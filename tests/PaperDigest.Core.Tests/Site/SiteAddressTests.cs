using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Tests.Site;

public sealed class SiteAddressTests
{
    private static SiteAddress Address(string? baseUrl) =>
        new(Options.Create(new SiteOptions { BaseUrl = baseUrl is null ? null : new Uri(baseUrl) }));

    private static HttpRequest Request()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("10.0.0.5:8080");
        return context.Request;
    }

    [Fact]
    public void AConfiguredPublicAddressIsUsedForMailAndForAnswersAlike()
    {
        var site = Address("https://papers.example.org/digest");

        Assert.Equal("https://papers.example.org/digest/papers/2405.15738", site.MailLink(SiteLinks.PaperPage("2405.15738")).AbsoluteUri);
        Assert.Equal("https://papers.example.org/digest/feeds/daily.atom", site.Link(Request(), SiteLinks.DailyFeed).AbsoluteUri);
    }

    [Fact]
    public void UnsetAnswersUseTheRequestsAddressAndMailTheDevelopmentDefault()
    {
        var site = Address(null);

        Assert.Equal("http://10.0.0.5:8080/tags/agents", site.Link(Request(), SiteLinks.TagPage("agents")).AbsoluteUri);
        Assert.Equal("http://localhost:5046/subscription/abc/unsubscribe", site.MailLink(SiteLinks.Unsubscribe("abc")).AbsoluteUri);
    }
}
