using Microsoft.AspNetCore.Components;

namespace PaperDigest.Web.Components;

/// <summary>
/// A page rendered for one request (every page here is rendered on the server, once): the request, and the
/// cancellation that stops its database reads when the browser goes away.
/// </summary>
public abstract class RequestPage : ComponentBase
{
    [CascadingParameter]
    protected HttpContext Context { get; set; } = default!;

    /// <summary>Cancelled when the browser goes away: reads stop, and a write's transaction rolls back.</summary>
    protected CancellationToken Aborted => Context.RequestAborted;
}
