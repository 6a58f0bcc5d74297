using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Digests.Email;

namespace PaperDigest.Core.Digests;

/// <summary>
/// Creates the renderers of digest emails. Each is used for one batch or one message and then disposed, because a
/// renderer keeps every component it rendered until it is.
/// </summary>
public sealed class DigestRenderers(IServiceProvider services, ILoggerFactory loggers)
{
    public DigestRenderer Create() => new(services, loggers);
}

/// <summary>Renders digest emails with Blazor's <see cref="HtmlRenderer"/>, outside any web request.</summary>
public sealed class DigestRenderer : IAsyncDisposable
{
    private readonly HtmlRenderer renderer;

    internal DigestRenderer(IServiceProvider services, ILoggerFactory loggers) => renderer = new HtmlRenderer(services, loggers);

    public Task<string> RenderHtmlAsync(DigestContent content) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<DigestEmail>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DigestEmail.Content)] = content }));
            return output.ToHtmlString();
        });

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}
