using System.Net;
using MimeKit;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Subscriptions;

/// <summary>The two messages a subscribe form can cause; short, with inline styles and a plain-text twin.</summary>
internal static class SubscriptionMessages
{
    public static MimeMessage Confirm(MailComposer composer, string email, string confirmToken, string manageToken)
    {
        var confirm = composer.Site.MailLink(SiteLinks.Confirm(confirmToken)).AbsoluteUri;
        return composer.Compose(email, "Confirm your PaperDigest subscription", manageToken,
            Html("Confirm your subscription",
                "Someone, hopefully you, asked for PaperDigest's paper digest at this address. Nothing will be sent until you confirm.",
                confirm, "Confirm my subscription",
                $"The link works once and expires in {SubscriptionService.ConfirmationLifetime.TotalHours:0} hours. If you did not ask, ignore this email."),
            $"""
            Someone, hopefully you, asked for PaperDigest's paper digest at this address.
            Nothing will be sent until you confirm:

            {confirm}

            The link works once and expires in {SubscriptionService.ConfirmationLifetime.TotalHours:0} hours. If you did not ask, ignore this email.
            """,
            $"confirm-{Guid.NewGuid():N}");
    }

    public static MimeMessage AlreadySubscribed(MailComposer composer, string email, string manageToken)
    {
        var page = composer.Site.MailLink(SiteLinks.SubscriberPage(manageToken)).AbsoluteUri;
        return composer.Compose(email, "Your PaperDigest subscription", manageToken,
            Html("You are already subscribed",
                "Someone asked to subscribe this address, which already receives PaperDigest. Nothing was changed.",
                page, "Change my preferences", "If that was not you, you can ignore this email."),
            $"""
            Someone asked to subscribe this address, which already receives PaperDigest. Nothing was changed.
            To change your preferences, pause or unsubscribe:

            {page}

            If that was not you, you can ignore this email.
            """,
            $"subscribed-{Guid.NewGuid():N}");
    }

    private static string Html(string heading, string lead, string link, string button, string footnote) => $"""
        <!DOCTYPE html>
        <html lang="en"><body style="margin:0;padding:24px;background:#f6f6f4;font-family:Arial,Helvetica,sans-serif;color:#1f2328">
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px">
        <tr><td style="padding:24px">
        <h1 style="font-size:20px;margin:0 0 12px">{WebUtility.HtmlEncode(heading)}</h1>
        <p style="font-size:15px;line-height:1.5;margin:0 0 20px">{WebUtility.HtmlEncode(lead)}</p>
        <p style="margin:0 0 20px"><a href="{WebUtility.HtmlEncode(link)}" style="display:inline-block;background:#1a5fb4;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:bold">{WebUtility.HtmlEncode(button)}</a></p>
        <p style="font-size:13px;color:#57606a;margin:0">{WebUtility.HtmlEncode(footnote)}</p>
        </td></tr></table></body></html>
        """;
}
