using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Ingestion.Arxiv;
using Xunit;

namespace PaperDigest.Testing;

/// <summary>
/// Hugging Face and arXiv emulated on a loopback Kestrel server: it serves the real fixtures, answers conditional
/// GETs, redirects unknown Hugging Face dates to /papers, and plays scripted faults. No test reaches the internet.
/// </summary>
public sealed class FakeSources : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Fault>> faults = new(StringComparer.Ordinal);
    private WebApplication? app;

    public const string OnePixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received, in order, with its path and query and the headers the tests look at.</summary>
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Configuration that points every source at this server, with no pauses between requests.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        // The fake listens on loopback, which the fetcher refuses unless told.
        ["Ingestion:AllowPrivateAddresses"] = "true",
        ["Ingestion:HuggingFace:BaseUrl"] = BaseUrl.AbsoluteUri,
        ["Ingestion:Arxiv:BaseUrl"] = BaseUrl.AbsoluteUri,
        ["Ingestion:Arxiv:ApiBaseUrl"] = BaseUrl.AbsoluteUri,
        ["Ingestion:HuggingFace:RequestDelay"] = "00:00:00",
        ["Ingestion:Arxiv:RequestDelay"] = "00:00:00",
        ["Ingestion:RetryBaseDelay"] = "00:00:00.050",
    };

    /// <summary>
    /// The next requests whose path (and query, if the prefix has one) starts with <paramref name="prefix"/> get these
    /// faults, one each, in order.
    /// </summary>
    public void Enqueue(string prefix, params Fault[] scripted)
    {
        var queue = faults.GetOrAdd(prefix, _ => new ConcurrentQueue<Fault>());
        foreach (var fault in scripted)
            queue.Enqueue(fault);
    }

    public void Reset()
    {
        faults.Clear();
        Requests.Clear();
    }

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            Requests.Enqueue(new ReceivedRequest(context.Request.Path + context.Request.QueryString,
                context.Request.Headers.UserAgent.ToString(), context.Request.Headers.IfNoneMatch.ToString()));
            if (NextFault(context.Request.Path + context.Request.QueryString) is { } fault)
                await fault.PlayAsync(context);
            else
                await next(context);
        });
        app.MapGet("/api/daily_papers", (HttpContext context, string date, int p = 0) =>
            p > 0 ? Serve(context, "[]", "application/json") : ServeFixture(context, $"huggingface/api/{date}.json", "application/json"));
        app.MapGet("/papers/date/{date}", (HttpContext context, string date) =>
            File.Exists(Path.Combine(SourceFixtures.Root, $"huggingface/html/papers-date-{date}.html"))
                ? ServeFixture(context, $"huggingface/html/papers-date-{date}.html", "text/html")
                : Results.Redirect("/papers"));
        app.MapGet("/papers", (HttpContext context) => ServeFixture(context, "huggingface/html/papers-date-2024-08-01.html", "text/html"));
        app.MapGet("/list/{category}/pastweek", (HttpContext context) => ServeFixture(context, "arxiv/listing/astro-ph.CO-pastweek-2022-11-22.html", "text/html"));
        app.MapGet("/api/query", (HttpContext context) => context.Request.Query["id_list"].ToString() is { Length: > 0 } ids
            ? Serve(context, ArxivApiAnswer(ids.Split(',')), "application/atom+xml")
            : ServeFixture(context, "arxiv/atom/id_list=1111.2011v2.xml", "application/atom+xml"));
        // Thumbnails: a real 1x1 PNG, and an SVG, which must never be kept.
        app.MapGet("/thumbnails/{name}", (string name) => Path.GetExtension(name) switch
        {
            ".png" => Results.Bytes(Convert.FromBase64String(OnePixelPng), "image/png"),
            ".svg" => Results.Text("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "image/svg+xml"),
            _ => Results.NotFound(),
        });
        await app.StartAsync();
        BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>
    /// The arXiv API's answer for an id_list look-up of papers in the served listing: the real response's shape (its
    /// entry as the template), each requested paper with the listing's title and authors and an abstract naming it.
    /// </summary>
    private static string ArxivApiAnswer(IReadOnlyCollection<string> ids)
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Load(Path.Combine(SourceFixtures.Root, "arxiv/atom/id_list=1111.2011v2.xml"));
        var template = feed.Root!.Element(atom + "entry")!;
        template.Remove();
        var listed = ListedArxivPapers.Value;
        foreach (var id in ids.Where(listed.ContainsKey))
        {
            var entry = new XElement(template);
            entry.Element(atom + "id")!.Value = $"http://arxiv.org/abs/{id}v1";
            entry.Element(atom + "title")!.Value = listed[id].Title;
            entry.Element(atom + "summary")!.Value = AbstractOf(id);
            entry.Elements(atom + "author").Remove();
            entry.Element(atom + "title")!.AddAfterSelf(listed[id].Authors.Select(name => new XElement(atom + "author", new XElement(atom + "name", name))));
            feed.Root.Add(entry);
        }
        return feed.Declaration + Environment.NewLine + feed.Root;
    }

    /// <summary>The abstract the fake arXiv API gives a paper.</summary>
    public static string AbstractOf(string arxivId) => $"The abstract of {arxivId}, as the arXiv API gives it.";

    private static readonly Lazy<Dictionary<string, ScrapedPaper>> ListedArxivPapers = new(() =>
        ArxivListingParser.Parse(File.ReadAllText(Path.Combine(SourceFixtures.Root, "arxiv/listing/astro-ph.CO-pastweek-2022-11-22.html")), null)
            .Listings.SelectMany(l => l.Papers).DistinctBy(p => p.ArxivId).ToDictionary(p => p.ArxivId));

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
            await app.DisposeAsync();
    }

    private Fault? NextFault(string pathAndQuery)
    {
        foreach (var (prefix, queue) in faults)
        {
            if (pathAndQuery.StartsWith(prefix, StringComparison.Ordinal) && queue.TryDequeue(out var fault))
                return fault;
        }
        return null;
    }

    private static IResult ServeFixture(HttpContext context, string relativePath, string contentType) =>
        File.Exists(Path.Combine(SourceFixtures.Root, relativePath))
            ? Serve(context, SourceFixtures.ReadText(relativePath), contentType)
            : Results.NotFound();

    // Answers If-None-Match with 304 when the body's ETag matches, as real servers do.
    private static IResult Serve(HttpContext context, string body, string contentType)
    {
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            return Results.StatusCode(StatusCodes.Status304NotModified);
        context.Response.Headers.ETag = etag;
        return Results.Text(body, contentType + "; charset=utf-8");
    }
}

/// <summary>What the fake server saw of one request.</summary>
public sealed record ReceivedRequest(string PathAndQuery, string UserAgent, string IfNoneMatch);

/// <summary>One scripted misbehaviour of the fake server.</summary>
public sealed record Fault(Func<HttpContext, Task> PlayAsync)
{
    public static Fault Status(int status, int? retryAfterSeconds = null) => new(context =>
    {
        context.Response.StatusCode = status;
        if (retryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    });

    /// <summary>Answers only after <paramref name="delay"/>, calling <paramref name="answered"/> if the client waited that long.</summary>
    public static Fault Delay(TimeSpan delay, Action? answered = null) => new(async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        answered?.Invoke();
        context.Response.StatusCode = StatusCodes.Status200OK;
    });

    /// <summary>Promises more bytes than it sends, then drops the connection.</summary>
    public static Fault Truncated(string body) => new(async context =>
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentLength = bytes.Length * 2L;
        await context.Response.Body.WriteAsync(bytes);
        await context.Response.Body.FlushAsync();
        // A reset that arrives with unread data makes the client drop that data, headers included; let them land first.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        context.Abort();
    });

    /// <summary>Tells the test it has been reached, waits for <paramref name="release"/>, then plays <paramref name="then"/>.</summary>
    public static Fault Hold(TaskCompletionSource reached, Task release, Fault then) => new(async context =>
    {
        reached.TrySetResult();
        await release.WaitAsync(context.RequestAborted);
        await then.PlayAsync(context);
    });

    public static Fault Body(string body, string contentType) => new(async context =>
    {
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    });
}
