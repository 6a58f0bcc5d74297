using Microsoft.Extensions.Options;
using MimeKit;
using PaperDigest.Core.Site;

namespace PaperDigest.Core.Mail;

/// <summary>
/// Every message PaperDigest sends, with the headers mail providers require of bulk senders: List-Unsubscribe (an
/// https link and a mailto), RFC 8058 one-click, and List-Id.
/// </summary>
public sealed class MailComposer(IOptions<MailOptions> mail, SiteAddress site, TimeProvider clock)
{
    /// <summary>Where the links in mail point.</summary>
    public SiteAddress Site => site;

    public MimeMessage Compose(string to, string subject, string manageToken, string html, string text, string messageKey) =>
        Compose(to, subject, manageToken, new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody(), messageKey);

    /// <param name="messageKey">Unique per logical message (say, one subscriber's copy of one edition), so a resent copy has the same Message-ID and can be recognised.</param>
    public MimeMessage Compose(string to, string subject, string manageToken, MimeEntity body, string messageKey)
    {
        var from = MailboxAddress.Parse(mail.Value.From);
        var message = new MimeMessage { Subject = subject, Date = clock.GetUtcNow(), MessageId = $"{messageKey}@{site.ForMail.Host}" };
        message.From.Add(from);
        message.To.Add(MailboxAddress.Parse(to));
        var unsubscribe = site.MailLink(SiteLinks.Unsubscribe(manageToken));
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>, <mailto:{from.Address}?subject=unsubscribe>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", $"PaperDigest <digest.{site.ForMail.Host}>");
        message.Body = body;
        return message;
    }
}
