using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace PaperDigest.Core.Mail;

/// <summary>
/// An HTML and a text part encoded (quoted-printable) once and shared by many messages that differ only in one
/// token. The token replaces a placeholder of the same length in the encoded bytes, so no line changes length and
/// nothing is encoded again per message: encoding each message's body afresh cost more than sending it.
/// </summary>
public sealed class PreEncodedBody
{
    private readonly byte[] html;
    private readonly byte[] text;
    private readonly byte[] placeholder;

    private PreEncodedBody(byte[] html, byte[] text, byte[] placeholder) => (this.html, this.text, this.placeholder) = (html, text, placeholder);

    /// <param name="placeholder">Letters and digits only (quoted-printable leaves them as they are), as long as every token.</param>
    public static PreEncodedBody Encode(string html, string text, string placeholder) =>
        new(QuotedPrintable(html), QuotedPrintable(text), Encoding.ASCII.GetBytes(placeholder));

    /// <summary>The message body with <paramref name="token"/> (URL-safe base64, the placeholder's length) in place of the placeholder.</summary>
    public MimeEntity WithToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != placeholder.Length)
            throw new ArgumentException($"The token must be {placeholder.Length} characters long.", nameof(token));
        var tokenBytes = Encoding.ASCII.GetBytes(token);
        return new MultipartAlternative { Part("plain", Splice(text, tokenBytes)), Part("html", Splice(html, tokenBytes)) };
    }

    private static TextPart Part(string subtype, byte[] encoded)
    {
        var part = new TextPart(subtype)
        {
            Content = new MimeContent(new MemoryStream(encoded, writable: false), ContentEncoding.QuotedPrintable),
            ContentTransferEncoding = ContentEncoding.QuotedPrintable,
        };
        part.ContentType.Charset = "utf-8";
        return part;
    }

    // Copies the bytes with each occurrence of the placeholder replaced, where a soft line break ("=\r\n" or "=\n")
    // may fall inside it.
    private byte[] Splice(byte[] encoded, byte[] token)
    {
        var result = (byte[])encoded.Clone();
        for (var start = 0; start < result.Length; start++)
        {
            var positions = Match(result, start);
            if (positions is null)
                continue;
            for (var i = 0; i < positions.Length; i++)
                result[positions[i]] = token[i];
            start = positions[^1];
        }
        return result;
    }

    private int[]? Match(byte[] bytes, int start)
    {
        if (bytes[start] != placeholder[0])
            return null;
        var positions = new int[placeholder.Length];
        var at = start;
        for (var i = 0; i < placeholder.Length; i++)
        {
            at = SkipSoftBreak(bytes, at);
            if (at >= bytes.Length || bytes[at] != placeholder[i])
                return null;
            positions[i] = at++;
        }
        return positions;
    }

    private static int SkipSoftBreak(byte[] bytes, int at)
    {
        if (at < bytes.Length && bytes[at] == '=')
        {
            if (at + 2 < bytes.Length && bytes[at + 1] == '\r' && bytes[at + 2] == '\n')
                return at + 3;
            if (at + 1 < bytes.Length && bytes[at + 1] == '\n')
                return at + 2;
        }
        return at;
    }

    private static byte[] QuotedPrintable(string content)
    {
        using var output = new MemoryStream();
        using (var filtered = new FilteredStream(output))
        {
            filtered.Add(EncoderFilter.Create(ContentEncoding.QuotedPrintable));
            filtered.Write(Encoding.UTF8.GetBytes(content));
            filtered.Flush();
        }
        return output.ToArray();
    }
}
