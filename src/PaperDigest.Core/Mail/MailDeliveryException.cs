namespace PaperDigest.Core.Mail;

public enum MailFailure
{
    /// <summary>The server refused for now (4xx) and kept refusing through every retry; try the message again later.</summary>
    Transient,
    /// <summary>The server refused the message or the address for good (5xx).</summary>
    Permanent,
    /// <summary>No server answered, or it went away: nothing more can be sent in this run.</summary>
    ServerUnavailable,
}

/// <summary>A message could not be handed to the mail server; <see cref="Failure"/> says what the sender should do.</summary>
public sealed class MailDeliveryException(MailFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public MailFailure Failure { get; } = failure;
}
