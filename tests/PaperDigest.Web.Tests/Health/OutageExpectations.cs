using System.Net;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Health;

/// <summary>What a reader and a monitor must see while the app's database is unreachable, and after it returns.</summary>
internal static class OutageExpectations
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Fetch before the outage: the page that must still be served from the cache during it.</summary>
    public const string CachedPage = "/search?q=agents";

    public static async Task AssertAnsweredAsUnavailableAsync(HttpClient client)
    {
        var page = await client.GetAsync(new Uri("/search?q=diffusion", UriKind.Relative), Cancel);
        var api = await client.GetAsync(new Uri("/api/papers?q=diffusion", UriKind.Relative), Cancel);
        var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal("30", page.Headers.GetValues("Retry-After").Single());
        Assert.Contains("PaperDigest cannot reach its database right now; please try again in a minute.", await page.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("\"name\":\"database\",\"status\":\"Unhealthy\"", await health.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(CachedPage, UriKind.Relative), Cancel)).StatusCode);
    }

    /// <summary>The same app, never restarted, serves uncached pages and reports healthy again within 15 s.</summary>
    public static async Task AssertRecoversAsync(HttpClient client)
    {
        await Poll.UntilAsync(async () => (await client.GetAsync(new Uri("/search?q=robot", UriKind.Relative), Cancel)).StatusCode == HttpStatusCode.OK,
            "an uncached page to be served again after the database came back", TimeSpan.FromSeconds(15));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative), Cancel)).StatusCode);
    }
}
