using System.Text.RegularExpressions;
using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tags;

/// <summary>Auto-tag rules compiled once (per ingestion run or per preview) and matched against papers.</summary>
public sealed class TagRuleSet
{
    // A curator's regular expression runs against scraped text: a pathological one gives up instead of hanging ingestion.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly List<(int TagId, Func<Paper, bool> Matches)> rules;

    private TagRuleSet(List<(int TagId, Func<Paper, bool> Matches)> rules) => this.rules = rules;

    public static TagRuleSet Compile(IEnumerable<AutoTagRule> rules) => new(rules.Select(rule => (rule.TagId, Matcher(rule))).ToList());

    /// <summary>The ids of the tags whose rules match the paper.</summary>
    public HashSet<int> TagsFor(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return rules.Where(rule => rule.Matches(paper)).Select(rule => rule.TagId).ToHashSet();
    }

    /// <summary>A sentence saying why the pattern cannot be a rule, or null when it can.</summary>
    public static string? Problem(TagRuleKind kind, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
            return "A rule needs something to match.";
        if (pattern.Length > AutoTagRule.MaxPatternLength)
            return $"A rule's pattern is at most {AutoTagRule.MaxPatternLength} characters.";
        if (kind != TagRuleKind.Regex)
            return null;
        try
        {
            _ = new Regex(pattern, Options, MatchTimeout);
            return null;
        }
        catch (ArgumentException exception)
        {
            return $"That is not a valid regular expression ({exception.Message}).";
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static Func<Paper, bool> Matcher(AutoTagRule rule)
    {
        switch (rule.Kind)
        {
            case TagRuleKind.Category:
                return paper => paper.Categories.Contains(rule.Pattern, StringComparer.Ordinal);
            case TagRuleKind.AiKeyword:
                var keyword = WholeWords(rule.Pattern);
                return paper => paper.AiKeywords.Any(k => Safely(keyword, k));
            default:
                var regex = rule.Kind == TagRuleKind.Keyword ? WholeWords(rule.Pattern) : new Regex(rule.Pattern, Options, MatchTimeout);
                return rule.Field switch
                {
                    TagRuleField.Title => paper => Safely(regex, paper.Title),
                    TagRuleField.Abstract => paper => Safely(regex, paper.Abstract),
                    _ => paper => Safely(regex, paper.Title) || Safely(regex, paper.Abstract),
                };
        }
    }

    private static Regex WholeWords(string words) => new($@"\b{Regex.Escape(words.Trim())}\b", Options, MatchTimeout);

    private static bool Safely(Regex regex, string text)
    {
        try
        {
            return regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
