using PaperDigest.Core.Data;

namespace PaperDigest.Core.Mail;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>
/// Settings under <c>Smtp</c>. With no <see cref="Host"/>, messages are written as .eml files to
/// <see cref="PickupDirectory"/> instead, so a first run can subscribe and read its mail without a server.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>
    /// The SHA-256 fingerprint (hex) of a mail server certificate to trust although no authority vouches for it, as a
    /// self-hosted server's often is not; certificates that validate normally are trusted anyway.
    /// </summary>
    public string? TrustedCertificateSha256 { get; set; }
    public string From { get; set; } = "PaperDigest <digest@localhost>";
    /// <summary>The most messages sent a second, whatever the server would take: providers throttle or block bursts.</summary>
    public double MessagesPerSecond { get; set; } = 10;
    /// <summary>Tries of one message after transient refusals (421, 450, 451, 452, 454), waiting twice as long each time.</summary>
    public int TransientAttempts { get; set; } = 4;
    public TimeSpan TransientBackoff { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Permanent refusals (5xx) after which an address is marked bounced and no longer mailed.</summary>
    public int PermanentFailureLimit { get; set; } = 3;
    public string PickupDirectory { get; set; } = Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultDataDirectory())!, "mail-pickup");
}
