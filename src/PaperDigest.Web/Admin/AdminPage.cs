using PaperDigest.Core;
using PaperDigest.Web.Components;

namespace PaperDigest.Web.Admin;

/// <summary>
/// What every admin page shares beyond the request: the signed-in curator its actions are audited under, and the
/// notice an action leaves for the page to show (<see cref="Components.Pages.Admin.AdminNotice"/>).
/// </summary>
public abstract class AdminPage : RequestPage
{
    /// <summary>The signed-in curator, as the audit log records them.</summary>
    protected string Actor => Context.User.Identity!.Name!;

    /// <summary>What the last action did, or why it could not; shown at the top of the page.</summary>
    protected string? Notice { get; set; }

    /// <summary>Shows what a command did: its refusal, or <paramref name="done"/> when it succeeded.</summary>
    protected void Show(Outcome outcome, string done)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Notice = outcome.Problem ?? done;
    }

    /// <summary>Shows what a command did: its refusal, or what it produced, in words.</summary>
    protected void Show<T>(Outcome<T> outcome, Func<T, string> done)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Notice = outcome.Problem ?? done(outcome.Value!);
    }
}
