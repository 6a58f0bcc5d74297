using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace PaperDigest.Core.Mail;

/// <summary>
/// Sends over one SMTP connection, reconnecting when the server drops it, at most
/// <see cref="MailOptions.MessagesPerSecond"/>. A refusal is reported, never retried here: the digest ledger owns
/// retries (<see cref="Digests.DigestOptions.WaitAfter"/>), so a message refused for now waits without holding up the rest.
/// </summary>
public sealed class SmtpMailSender(MailOptions options, TimeProvider clock, ILogger logger) : IMailSender
{
    // The replies RFC 5321 defines as "try again later"; any other 4xx is treated the same, 5xx as permanent.
    private static readonly int[] TransientCodes = [421, 450, 451, 452, 454];

    private readonly SmtpClient client = new() { Timeout = 30_000, ServerCertificateValidationCallback = Validator(options.TrustedCertificateSha256) };
    private DateTimeOffset nextSendAt = DateTimeOffset.MinValue;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await PaceAsync(cancellationToken);
        while (true)
        {
            var reused = client.IsConnected;
            try
            {
                await EnsureConnectedAsync(cancellationToken);
                await client.SendAsync(message, cancellationToken);
                return;
            }
            catch (SmtpCommandException refusal)
            {
                await DisconnectQuietlyAsync();
                var failure = IsTransient(refusal) ? MailFailure.Transient : MailFailure.Permanent;
                throw new MailDeliveryException(failure, $"The mail server refused the message: {(int)refusal.StatusCode} {refusal.Message}", refusal);
            }
            catch (Exception broken) when (broken is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException
                                           or AuthenticationException or SslHandshakeException or TimeoutException)
            {
                await DisconnectQuietlyAsync();
                // A kept connection may have been closed by the server since the last message (an idle timeout, a
                // restart): one fresh connection is tried before the server is called unavailable.
                if (reused)
                {
                    logger.LogWarning("The connection to the mail server broke while sending {MessageId} ({Reason}); reconnecting", message.MessageId, broken.Message);
                    continue;
                }
                throw new MailDeliveryException(MailFailure.ServerUnavailable, Unusable(broken), broken);
            }
        }
    }

    private static bool IsTransient(SmtpCommandException refusal) =>
        TransientCodes.Contains((int)refusal.StatusCode) || (int)refusal.StatusCode is >= 400 and < 500;

    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (nextSendAt > now)
            await Task.Delay(nextSendAt - now, clock, cancellationToken);
        nextSendAt = (nextSendAt > now ? nextSendAt : now) + TimeSpan.FromSeconds(1 / options.MessagesPerSecond);
    }

    // Each cause names the settings that fix it: a refused sign-in and a distrusted certificate are not address problems.
    private string Unusable(Exception broken)
    {
        var server = $"The mail server at {options.Host}:{options.Port}";
        var reason = broken.Message.ReplaceLineEndings(" ").Trim();
        return broken switch
        {
            AuthenticationException => $"{server} refused the sign-in ({reason}); check Smtp:Username and Smtp:Password.",
            SslHandshakeException => $"{server} could not be reached over TLS ({reason}); check Smtp:Security, or set Smtp:TrustedCertificateSha256 " +
                                     "to the fingerprint of your own server's certificate.",
            _ => $"{server} could not be used ({reason}); check Smtp:Host, Smtp:Port and Smtp:Security.",
        };
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected)
            return;
        var security = options.Security switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        var host = options.Host ?? throw new InvalidOperationException("Smtp:Host is not set.");
        // Nagle's algorithm held the end of each message until the server's delayed ACK: about 40 ms a message, at
        // most 25 a second on one connection. The socket is made here so it can be told not to wait.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(client.Timeout);
            await socket.ConnectAsync(host, options.Port, connectTimeout.Token);
            await client.ConnectAsync(socket, host, options.Port, security, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No answer within {client.Timeout / 1000} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (!string.IsNullOrEmpty(options.Username))
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
    }

    // Null keeps MailKit's own validation; with a pinned fingerprint, that certificate passes too, and nothing else new.
    private static RemoteCertificateValidationCallback? Validator(string? pinned)
    {
        if (string.IsNullOrWhiteSpace(pinned))
            return null;
        var fingerprint = Convert.FromHexString(pinned.Replace(":", "", StringComparison.Ordinal).Trim());
        return (_, certificate, _, errors) => errors == SslPolicyErrors.None
            || (certificate is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(certificate.GetRawCertData()), fingerprint));
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            if (client.IsConnected)
                await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or SocketException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
        {
            // The connection is being dropped because it failed; a failing QUIT changes nothing.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectQuietlyAsync();
        client.Dispose();
    }
}
