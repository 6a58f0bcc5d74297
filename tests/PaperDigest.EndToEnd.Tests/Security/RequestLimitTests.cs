using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Security;

/// <summary>Kestrel's own limits, so they are tested against the app on a real port rather than the in-memory server.</summary>
public sealed class RequestLimitTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedWith413AndTheAppKeepsServing()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        var huge = await client.PostAsync(new Uri("subscriptions", UriKind.Relative),
            new FormUrlEncodedContent([KeyValuePair.Create("email", new string('a', 2 * 1024 * 1024) + "@example.com")]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task HeadersOverTheLimitAreRefusedWith431()
    {
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "");
        request.Headers.Add("X-Padding", new string('h', 64 * 1024));

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }
}
