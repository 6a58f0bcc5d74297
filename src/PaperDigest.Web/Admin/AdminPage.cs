using Microsoft.AspNetCore.Components;
using PaperDigest.Core;
using PaperDigest.Web.Components;

namespace PaperDigest.Web.Admin;

/// <summary>
/// What every admin page shares beyond the request: the signed-in curator its actions are audited under, and the
/// notice an action leaves for the page to show (<see cref="Components.Pages.Admin.AdminNotice"/>). An action that
/// changed something is answered with a redirect back to the page (post/redirect/get), its notice carried across, so
/// reloading the page shows it again instead of repeating the action.
/// </summary>
public abstract class AdminPage : RequestPage
{
    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The signed-in curator, as the audit log records them.</summary>
    protected string Actor => Context.User.Identity!.Name!;

    /// <summary>What the last action did, or why it could not; shown at the top of the page.</summary>
    protected string? Notice { get; set; }

    /// <summary>
    /// Shows what a command did: its refusal on this page (nothing changed, so the form keeps what was typed), or
    /// <paramref name="done"/> after a redirect back to this page (or to <paramref name="then"/>).
    /// </summary>
    protected void Show(Outcome outcome, string done, string? then = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Succeeded)
            Reload(done, then);
        else
            Notice = outcome.Problem;
    }

    /// <summary>Shows what a command did: its refusal, or what it produced, in words (on the page <paramref name="then"/> names for it).</summary>
    protected void Show<T>(Outcome<T> outcome, Func<T, string> done, Func<T, string>? then = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(done);
        if (outcome.Succeeded)
            Reload(done(outcome.Value!), then?.Invoke(outcome.Value!));
        else
            Notice = outcome.Problem;
    }

    /// <summary>
    /// Whether the curator ticked the <see cref="Components.Pages.Admin.ConfirmBox"/> of a destructive or costly
    /// action; if not, the page says how to confirm and nothing is done.
    /// </summary>
    protected bool Confirmed(string? box, string button)
    {
        if (box == "true")
            return true;
        Notice = $"Tick the box beside {button} to confirm, then press {button} again.";
        return false;
    }

    /// <summary>Answers the POST with a redirect to <paramref name="address"/> (this page by default) that shows <paramref name="notice"/>.</summary>
    private void Reload(string notice, string? address = null) =>
        CarriedNotice.Redirect(Context, address is null ? Navigation.Uri : Navigation.ToAbsoluteUri(address).AbsoluteUri, notice);

    // The notice of the action that redirected here is taken before the page's own lifecycle runs, so every page gets it.
    public override Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (HttpMethods.IsGet(Context.Request.Method))
            Notice = CarriedNotice.Take(Context);
        return base.SetParametersAsync(ParameterView.Empty);
    }
}
