using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>
/// The only code that talks to the network. Its HttpClient carries the resilience pipeline (attempt timeout,
/// retries that honour Retry-After, a circuit breaker) and the per-host pace; this class adds conditional GETs,
/// the body size cap and error statuses turned into <see cref="FetchException"/>.
/// </summary>
public sealed class SourceFetcher(HttpClient http, IOptions<IngestionOptions> options)
{
    /// <summary>GETs the URL, conditionally when <paramref name="known"/> holds validators; a 304 comes back as a page with no body.</summary>
    /// <exception cref="FetchException">An error status, a body over the cap, or no answer after the retries.</exception>
    public async Task<FetchedPage> GetAsync(Uri url, FetchValidator? known, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (known?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (known?.LastModified is { } lastModified && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            request.Headers.IfModifiedSince = since;

        using var response = await SendAsync(request, cancellationToken);
        var finalUrl = response.RequestMessage?.RequestUri ?? url;
        if (response.StatusCode == HttpStatusCode.NotModified)
            return new FetchedPage(url, finalUrl, response.StatusCode, "", known?.ETag, known?.LastModified);
        var body = await ReadCappedAsync(response, url, cancellationToken);
        return new FetchedPage(url, finalUrl, response.StatusCode, EncodingOf(response).GetString(body), response.Headers.ETag?.ToString(),
            response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>GETs a binary resource (an image), with the same limits as pages.</summary>
    /// <exception cref="FetchException">An error status, a body over the cap, or no answer after the retries.</exception>
    public async Task<(byte[] Body, string? ContentType)> GetBytesAsync(Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, cancellationToken);
        return (await ReadCappedAsync(response, url, cancellationToken), response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                                           || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FetchException($"{url.Host} did not answer {url.PathAndQuery} ({exception.Message}); the source will be tried again later.", null, exception);
        }
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
            return response;
        using (response)
            throw new FetchException($"{url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase} for {url.PathAndQuery}; the source will be tried again later.", response.StatusCode);
    }

    // An unknown or missing charset is read as UTF-8, which every source here uses anyway.
    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        try
        {
            return response.Content.Headers.ContentType?.CharSet is { } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        var cap = options.Value.MaxBodyBytes;
        if (response.Content.Headers.ContentLength > cap)
            throw new FetchException($"{url.Host} sent {response.Content.Headers.ContentLength} bytes for {url.PathAndQuery}, over the {cap}-byte limit; raise Ingestion:MaxBodyBytes if that is expected.");

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > cap)
                    throw new FetchException($"{url.Host} sent more than {cap} bytes for {url.PathAndQuery}; raise Ingestion:MaxBodyBytes if that is expected.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException
                                           || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FetchException($"The answer from {url.Host} for {url.PathAndQuery} was cut short ({exception.Message}); the source will be tried again later.", null, exception);
        }
    }
}
