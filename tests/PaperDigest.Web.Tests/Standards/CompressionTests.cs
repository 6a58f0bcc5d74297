using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using PaperDigest.Testing;
using PaperDigest.Web.Tests.Admin;

namespace PaperDigest.Web.Tests.Standards;

/// <summary>Pages, feeds and JSON are sent compressed to clients that ask, cached or not; private pages are not.</summary>
public sealed class CompressionTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/papers/trending", "br")]
    [InlineData("/papers/trending", "gzip")]
    [InlineData("/feeds/daily.atom", "br")]
    [InlineData("/api/papers", "gzip")]
    [InlineData("/search?q=agent", "br")]
    public async Task PublicAnswersAreCompressedTheSameWhetherCachedOrNot(string path, string encoding)
    {
        var client = app.Factory.CreateClient();
        var plain = await client.GetByteArrayAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        var first = await GetAsync(client, path, encoding);
        var second = await GetAsync(client, path, encoding);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            Assert.True(body.Length * 2 < plain.Length, $"{body.Length} compressed bytes of {plain.Length}");
            Assert.Equal(plain, Decompress(body, encoding));
        }
        Assert.Contains("Accept-Encoding", first.Headers.Vary);
    }

    [Fact]
    public async Task AdminPagesAreNotCompressed()
    {
        var admin = AdminSession.Client(app.Factory);
        await AdminSession.SignInAsync(admin, await AdminSession.CreateAdminAsync(app.Factory), AdminSession.Password);

        var response = await GetAsync(admin, "/admin/papers", "br");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
