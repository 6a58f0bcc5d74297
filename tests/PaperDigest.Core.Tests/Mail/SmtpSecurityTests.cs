using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using PaperDigest.Core.Mail;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Mail;

/// <summary>
/// The default mail set-up, STARTTLS on the submission port with a sign-in, against a real SMTP server that offers
/// TLS with a throwaway certificate and takes mail only from a signed-in user over TLS.
/// </summary>
public sealed class SmtpSecurityTests : IAsyncLifetime
{
    private const string User = "digest";
    private const string Password = "a long secret for the mail server";
    private readonly X509Certificate2 certificate = ThrowawayCertificate();
    private TestSmtpServer? server;

    private TestSmtpServer Server => server!;

    public ValueTask InitializeAsync()
    {
        server = TestSmtpServer.WithStartTlsAndSignIn(certificate, User, Password);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
            await server.DisposeAsync();
        certificate.Dispose();
    }

    private MailOptions Options(string password = Password, string? pinned = null) => new()
    {
        Host = "127.0.0.1",
        Port = Server.Port,
        Security = SmtpSecurity.StartTls,
        Username = User,
        Password = password,
        TrustedCertificateSha256 = pinned ?? Convert.ToHexString(SHA256.HashData(certificate.RawData)),
        MessagesPerSecond = 1000,
    };

    private static async Task SendAsync(MailOptions options, string to)
    {
        await using var sender = new SmtpMailSender(options, TimeProvider.System, NullLogger.Instance);
        var message = new MimeMessage { Subject = "Over TLS" };
        message.From.Add(MailboxAddress.Parse("digest@paperdigest.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new TextPart("plain") { Text = "Hello." };
        await sender.SendAsync(message, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MailGoesOutOverStartTlsAfterSigningIn()
    {
        await SendAsync(Options(), "reader@example.com");

        await Server.WaitForAsync("reader@example.com");
        Assert.Equal((true, User), Assert.Single(Server.Sessions));
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedAndNothingIsSent()
    {
        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => SendAsync(Options(password: "not the password"), "reader@example.com"));

        Assert.IsType<AuthenticationException>(refused.InnerException);
        Assert.EndsWith("check Smtp:Username and Smtp:Password.", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Received);
    }

    [Fact]
    public async Task ACertificateNeitherAnAuthorityNorTheSettingVouchesForIsRefused()
    {
        var otherFingerprint = Convert.ToHexString(SHA256.HashData("some other certificate"u8));

        var refused = await Assert.ThrowsAsync<MailDeliveryException>(() => SendAsync(Options(pinned: otherFingerprint), "reader@example.com"));

        Assert.IsType<SslHandshakeException>(refused.InnerException);
        Assert.Contains("Smtp:TrustedCertificateSha256", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Server.Received);
    }

    private static X509Certificate2 ThrowawayCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Through PKCS #12, so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
