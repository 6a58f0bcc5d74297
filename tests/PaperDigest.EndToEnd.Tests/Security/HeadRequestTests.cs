using System.Net.Sockets;
using System.Text;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Security;

/// <summary>HEAD, as uptime monitors send it, against the app on a real port: Kestrel decides what goes on the wire.</summary>
public sealed class HeadRequestTests(RunningApp app) : IClassFixture<RunningApp>
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/papers/trending", "text/html")]
    [InlineData("/api/papers", "application/json")]
    [InlineData("/health", "application/json")]
    public async Task HeadAnswersLikeGetWithHeadersOnly(string path, string contentType)
    {
        var raw = await ExchangeAsync($"HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(headerEnd > 0, raw);
        Assert.StartsWith("HTTP/1.1 200 OK", raw, StringComparison.Ordinal);
        Assert.Contains("Content-Type: " + contentType, raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(headerEnd + 4, raw.Length);
    }

    [Fact]
    public async Task AnAddressNothingAnswersIsStillTheFriendlyNotFoundPageForGetAndA404ForHead()
    {
        var head = await ExchangeAsync("HEAD /definitely/not/here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        var get = await ExchangeAsync("GET /definitely/not/here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 404 Not Found", head, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n", head, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 404 Not Found", get, StringComparison.Ordinal);
        Assert.Contains("Page not found", get, StringComparison.Ordinal);
    }

    // A raw exchange: an HTTP client would hide a body sent after a HEAD answer, which is exactly what must not happen.
    private async Task<string> ExchangeAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
