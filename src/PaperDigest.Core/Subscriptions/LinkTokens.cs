using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PaperDigest.Core.Subscriptions;

/// <summary>Link tokens: 256 random bits, URL-safe; only their SHA-256 is stored.</summary>
public static class LinkTokens
{
    private const int TokenLength = 43;   // 32 bytes in unpadded base64url

    /// <summary>Stands for a reader's token in a body rendered once for many readers: as long as a token, letters only.</summary>
    public static readonly string Placeholder = "PaperDigestReaderTokenGoesHere".PadRight(TokenLength, 'Q');

    public static (string Token, byte[] Hash) Create()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    /// <summary>The stored form of a token from a link, or null when it cannot be one (so no query is made for it).</summary>
    public static byte[]? HashOf(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? SHA256.HashData(Encoding.ASCII.GetBytes(token))
            : null;
}
