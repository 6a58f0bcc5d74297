using System.Net;

namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>A fetched response: its final address after redirects, its body, and its validators for next time.</summary>
public sealed record FetchedPage(Uri RequestedUrl, Uri FinalUrl, HttpStatusCode Status, string Body, string? ETag, string? LastModified)
{
    public bool NotModified => Status == HttpStatusCode.NotModified;

    public bool WasRedirected => FinalUrl != RequestedUrl;

    public FetchValidator? Validator(DateTimeOffset now) =>
        ETag is null && LastModified is null ? null : new FetchValidator { Url = RequestedUrl.AbsoluteUri, ETag = ETag, LastModified = LastModified, UpdatedAt = now };
}

/// <summary>A source answered with an error status, or not at all; the message says which and what to do.</summary>
public sealed class FetchException : Exception
{
    public FetchException(string message, HttpStatusCode? status = null, Exception? innerException = null) : base(message, innerException) =>
        Status = status;

    public FetchException() { }

    public FetchException(string message) : base(message) { }

    public FetchException(string message, Exception innerException) : base(message, innerException) { }

    public HttpStatusCode? Status { get; }
}
