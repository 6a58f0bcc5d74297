using System.Globalization;
using MimeKit;

namespace PaperDigest.Core.Subscriptions;

/// <summary>Checks what a subscribe or preferences form sent; the pages word the refusals (see SubscribePage).</summary>
public static class SubscriptionInput
{
    public const int MaxEmailLength = 254;

    /// <summary>What every form that takes preferences says when <see cref="ParsePreferences"/> refuses them.</summary>
    public const string PreferencesProblem = "Those preferences could not be used: choose daily or weekly, 1 to 50 papers, 0 to 50 arXiv papers, the site's own tags and categories, a topic of at most 300 characters and a closeness from 0.1 to 0.9.";

    /// <summary>The address trimmed and lowercased, or null when it is not one mailbox.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim() ?? "";
        // CR, LF and other control characters could smuggle headers into a message; a display name or a list is
        // not one address.
        if (trimmed.Length is 0 or > MaxEmailLength || trimmed.Any(char.IsControl) || trimmed.Any(char.IsWhiteSpace)
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox) || mailbox is null || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, trimmed, StringComparison.OrdinalIgnoreCase)
            || mailbox.Address.Count(c => c == '@') != 1 || mailbox.Address.EndsWith('@') || mailbox.Address.StartsWith('@'))
            return null;
        return mailbox.Address.ToLowerInvariant();
    }

    /// <summary>
    /// Preferences from form fields, or null when any is out of range; tags must be ones the site has, categories ones
    /// it follows.
    /// </summary>
    public static SubscriberPreferences? ParsePreferences(PreferenceForm fields, IReadOnlySet<string> knownTags, IReadOnlySet<string> knownCategories)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(knownTags);
        ArgumentNullException.ThrowIfNull(knownCategories);
        var (frequency, tags, minUpvotes, maxPapers, arxivPapers, arxivCategories, topic, topicThreshold) = fields;
        if (!Enum.TryParse<DigestFrequency>(frequency ?? nameof(DigestFrequency.Daily), ignoreCase: true, out var parsedFrequency)
            || !Enum.IsDefined(parsedFrequency))
            return null;
        var chosen = Chosen(tags);
        if (chosen.Count > SubscriberPreferences.MaxTags || chosen.Any(t => !knownTags.Contains(t)))
            return null;
        if (!TryNumber(minUpvotes, 0, 0, SubscriberPreferences.MaxMinUpvotes, out var minimum))
            return null;
        if (!TryNumber(maxPapers, 10, 1, SubscriberPreferences.MaxPapersLimit, out var maximum))
            return null;
        if (!TryNumber(arxivPapers, 0, 0, SubscriberPreferences.MaxPapersLimit, out var arxiv))
            return null;
        var categories = Chosen(arxivCategories);
        if (categories.Any(c => !knownCategories.Contains(c)))
            return null;
        // A topic is the reader's own words: control characters and runs of spaces go, the rest is kept as typed.
        var cleanTopic = string.Join(' ', new string((topic ?? "").Where(c => !char.IsControl(c)).ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (cleanTopic.Length > SubscriberPreferences.MaxTopicLength)
            return null;
        var threshold = SubscriberPreferences.DefaultTopicThreshold;
        if (!string.IsNullOrWhiteSpace(topicThreshold)
            && (!double.TryParse(topicThreshold, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out threshold) || threshold is < 0.1 or > 0.9))
            return null;
        return new SubscriberPreferences
        {
            Frequency = parsedFrequency, Tags = chosen, MinUpvotes = minimum, MaxPapers = maximum, ArxivPapers = arxiv, ArxivCategories = categories,
            Topic = cleanTopic.Length == 0 ? null : cleanTopic, TopicThreshold = Math.Round(threshold, 2),
        };
    }

    private static List<string> Chosen(IReadOnlyCollection<string>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

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

/// <summary>The preference fields as a form or an address sends them, unparsed.</summary>
public sealed record PreferenceForm(string? Frequency, IReadOnlyCollection<string>? Tags, string? MinUpvotes, string? MaxPapers,
    string? ArxivPapers, IReadOnlyCollection<string>? ArxivCategories, string? Topic = null, string? TopicThreshold = null);
