using MimeKit;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Tests.Mail;

public sealed class PreEncodedBodyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(60)]   // the quoted-printable line break falls inside the placeholder
    [InlineData(74)]
    public async Task TheTokenReplacesThePlaceholderWhereverTheEncodedLinesBreak(int padding)
    {
        var html = $"<p>{new string('a', padding)} é <a href=\"https://x.test/subscription/{LinkTokens.Placeholder}\">page</a> ünïcode</p>";
        var text = $"{new string('b', padding)} Your page: https://x.test/subscription/{LinkTokens.Placeholder} ✓";
        var body = PreEncodedBody.Encode(html, text, LinkTokens.Placeholder);
        var (token, _) = LinkTokens.Create();

        var message = new MimeMessage { Body = body.WithToken(token) };
        using var wire = new MemoryStream();
        await message.WriteToAsync(wire, TestContext.Current.CancellationToken);
        wire.Position = 0;
        var received = await MimeMessage.LoadAsync(wire, TestContext.Current.CancellationToken);

        Assert.Equal(html.Replace(LinkTokens.Placeholder, token, StringComparison.Ordinal), received.HtmlBody);
        Assert.Equal(text.Replace(LinkTokens.Placeholder, token, StringComparison.Ordinal), received.TextBody);
    }
}
