namespace PaperDigest.Core.Tags;

/// <summary>How rules read to curators, in the rule form, the rules table and the audit log: never the raw enum names.</summary>
public static class TagRuleWording
{
    public static string Kind(TagRuleKind kind) => kind switch
    {
        TagRuleKind.Keyword => "Words",
        TagRuleKind.Regex => "Regular expression",
        TagRuleKind.Category => "arXiv category",
        _ => "AI keywords",
    };

    public static string Field(TagRuleField field) => field switch
    {
        TagRuleField.Title => "the title",
        TagRuleField.Abstract => "the abstract",
        _ => "the title or abstract",
    };

    /// <summary>The rule in one line, such as "Words in the title: robot".</summary>
    public static string Describe(AutoTagRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Field is { } field ? $"{Kind(rule.Kind)} in {Field(field)}: {rule.Pattern}" : $"{Kind(rule.Kind)}: {rule.Pattern}";
    }
}
