using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;
using PaperDigest.Core.Digests.Email;

namespace PaperDigest.Core.Digests;

/// <summary>Renders digest emails with Blazor's <see cref="HtmlRenderer"/>, outside any web request; one per run.</summary>
public sealed class DigestRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly HtmlRenderer renderer = new(services, loggers);

    public Task<string> RenderHtmlAsync(DigestContent content) =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<DigestEmail>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DigestEmail.Content)] = content }));
            return output.ToHtmlString();
        });

    public ValueTask DisposeAsync() => renderer.DisposeAsync();
}
