using System.ComponentModel.DataAnnotations;
using MimeKit;
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
public sealed class MailOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    [Range(1, 65535)]
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
    [Range(0.01, 100_000)]
    public double MessagesPerSecond { get; set; } = 10;
    /// <summary>Permanent refusals (5xx) after which an address is marked bounced and no longer mailed.</summary>
    [Range(1, 100)]
    public int PermanentFailureLimit { get; set; } = 3;
    public string PickupDirectory { get; set; } = Path.Combine(Path.GetDirectoryName(DatabaseOptions.DefaultDataDirectory())!, "mail-pickup");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
            yield return ValidatedOptions.Invalid(Section, nameof(From), "is not one mail address, such as PaperDigest <digest@example.org>.");
        if (TrustedCertificateSha256 is { } pinned && !IsSha256Hex(pinned.Replace(":", "", StringComparison.Ordinal).Trim()))
            yield return ValidatedOptions.Invalid(Section, nameof(TrustedCertificateSha256), "is not a SHA-256 fingerprint (64 hexadecimal digits).");
    }

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
