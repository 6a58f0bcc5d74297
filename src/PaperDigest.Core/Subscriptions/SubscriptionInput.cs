using System.Globalization;
using MimeKit;

namespace PaperDigest.Core.Subscriptions;

/// <summary>Checks what a subscribe or preferences form sent; every refusal is one sentence saying what to fix.</summary>
public static class SubscriptionInput
{
    public const int MaxEmailLength = 254;

    /// <summary>The address trimmed and lowercased, or null with the reason.</summary>
    public static string? NormalizeEmail(string? email, out string? error)
    {
        var trimmed = email?.Trim() ?? "";
        error = null;
        // CR, LF and other control characters could smuggle headers into a message; a display name or a list is
        // not one address.
        if (trimmed.Length is 0 or > MaxEmailLength || trimmed.Any(char.IsControl) || trimmed.Any(char.IsWhiteSpace)
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox) || mailbox is null || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, trimmed, StringComparison.OrdinalIgnoreCase)
            || mailbox.Address.Count(c => c == '@') != 1 || mailbox.Address.EndsWith('@') || mailbox.Address.StartsWith('@'))
        {
            error = "That is not an email address we can send to; check it and try again.";
            return null;
        }
        return mailbox.Address.ToLowerInvariant();
    }

    /// <summary>Preferences from form fields, or null with the reason; tags must be ones the site has.</summary>
    public static SubscriberPreferences? ParsePreferences(string? frequency, IReadOnlyCollection<string>? tags, string? minUpvotes, string? maxPapers,
        IReadOnlySet<string> knownTags, out string? error)
    {
        ArgumentNullException.ThrowIfNull(knownTags);
        error = null;
        if (!Enum.TryParse<DigestFrequency>(frequency ?? nameof(DigestFrequency.Daily), ignoreCase: true, out var parsedFrequency)
            || !Enum.IsDefined(parsedFrequency))
        {
            error = "Choose a daily or a weekly digest.";
            return null;
        }
        var chosen = (tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count > SubscriberPreferences.MaxTags || chosen.Any(t => !knownTags.Contains(t)))
        {
            error = $"Choose up to {SubscriberPreferences.MaxTags} of the site's tags.";
            return null;
        }
        if (!TryNumber(minUpvotes, 0, 0, SubscriberPreferences.MaxMinUpvotes, out var minimum))
        {
            error = $"The minimum upvotes must be a whole number from 0 to {SubscriberPreferences.MaxMinUpvotes:N0}.";
            return null;
        }
        if (!TryNumber(maxPapers, 10, 1, SubscriberPreferences.MaxPapersLimit, out var maximum))
        {
            error = $"The number of papers per email must be from 1 to {SubscriberPreferences.MaxPapersLimit}.";
            return null;
        }
        return new SubscriberPreferences { Frequency = parsedFrequency, Tags = chosen, MinUpvotes = minimum, MaxPapers = maximum };
    }

    private static bool TryNumber(string? text, int fallback, int min, int max, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
