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
    private readonly Encoded html;
    private readonly Encoded text;
    private readonly int tokenLength;

    private PreEncodedBody(Encoded html, Encoded text, int tokenLength) => (this.html, this.text, this.tokenLength) = (html, text, tokenLength);

    /// <param name="placeholder">Letters and digits only (quoted-printable leaves them as they are), as long as every token.</param>
    public static PreEncodedBody Encode(string html, string text, string placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        var marker = Encoding.ASCII.GetBytes(placeholder);
        return new(Encoded.Of(QuotedPrintable(html), marker), Encoded.Of(QuotedPrintable(text), marker), marker.Length);
    }

    /// <summary>The message body with <paramref name="token"/> (URL-safe base64, the placeholder's length) in place of the placeholder.</summary>
    public MimeEntity WithToken(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length != tokenLength)
            throw new ArgumentException($"The token must be {tokenLength} characters long.", nameof(token));
        var tokenBytes = Encoding.ASCII.GetBytes(token);
        return new MultipartAlternative { Part("plain", text.With(tokenBytes)), Part("html", html.With(tokenBytes)) };
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

    /// <summary>
    /// Encoded bytes and where each character of each placeholder sits in them, found once: a soft line break
    /// ("=\r\n" or "=\n") may fall inside a placeholder, so its characters are not always adjacent.
    /// </summary>
    private sealed record Encoded(byte[] Bytes, int[] TokenPositions)
    {
        public static Encoded Of(byte[] bytes, byte[] placeholder)
        {
            var positions = new List<int>();
            for (var start = 0; start < bytes.Length; start++)
            {
                if (Match(bytes, start, placeholder) is not { } found)
                    continue;
                positions.AddRange(found);
                start = found[^1];
            }
            return new Encoded(bytes, positions.ToArray());
        }

        public byte[] With(byte[] token)
        {
            var result = (byte[])Bytes.Clone();
            for (var i = 0; i < TokenPositions.Length; i++)
                result[TokenPositions[i]] = token[i % token.Length];
            return result;
        }

        private static int[]? Match(byte[] bytes, int start, byte[] placeholder)
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
