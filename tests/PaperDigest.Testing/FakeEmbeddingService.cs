using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PaperDigest.Testing;

/// <summary>
/// An OpenAI-compatible embeddings API on a loopback port (POST /v1/embeddings), for testing a hosted model chosen by
/// configuration. Its "model" counts each word of a text into one of <see cref="Dimensions"/> buckets, so texts
/// sharing words are similar; its vectors are deliberately not of unit length.
/// </summary>
public sealed class FakeEmbeddingService : IAsyncDisposable
{
    public const int Dimensions = 32;
    public const string Model = "fake-words-32";

    private readonly WebApplication app;

    /// <summary>The model and the Authorization header of every request.</summary>
    public ConcurrentQueue<(string Model, string? Authorization)> Requests { get; } = new();

    public Uri Endpoint { get; }

    private FakeEmbeddingService(WebApplication app, Uri endpoint) => (this.app, Endpoint) = (app, endpoint);

    public static async Task<FakeEmbeddingService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeEmbeddingService? service = null;
        app.MapPost("/v1/embeddings", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var input = body.RootElement.GetProperty("input");
            var texts = input.ValueKind == JsonValueKind.Array ? input.EnumerateArray().Select(t => t.GetString() ?? "").ToList() : [input.GetString() ?? ""];
            service!.Requests.Enqueue((body.RootElement.GetProperty("model").GetString()!, request.Headers.Authorization.ToString()));
            return Results.Json(new
            {
                @object = "list",
                model = Model,
                data = texts.Select((text, index) => new { @object = "embedding", index, embedding = Embed(text) }),
                usage = new { prompt_tokens = 0, total_tokens = 0 },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return service = new FakeEmbeddingService(app, new Uri(address.TrimEnd('/') + "/v1"));
    }

    private static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', ':', ';', '(', ')'], StringSplitOptions.RemoveEmptyEntries))
            vector[(int)(StableHash(word) % Dimensions)] += 1;
        return vector;
    }

    // string.GetHashCode changes from run to run; vectors must not.
    private static uint StableHash(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>Stops answering, as a hosted model that has gone away.</summary>
    public Task StopAsync() => app.StopAsync();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
