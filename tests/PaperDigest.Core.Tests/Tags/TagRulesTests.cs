using PaperDigest.Core.Papers;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Tests.Tags;

public sealed class TagRulesTests
{
    private static AutoTagRule Rule(int tagId, TagRuleKind kind, string pattern, TagRuleField? field = null) =>
        new() { TagId = tagId, Kind = kind, Pattern = pattern, Field = field, CreatedBy = "test" };

    private static readonly TagRuleSet Rules = TagRuleSet.Compile(
    [
        Rule(1, TagRuleKind.Category, "cs.CL"),
        Rule(2, TagRuleKind.AiKeyword, "reinforcement learning"),
        Rule(3, TagRuleKind.Keyword, "robot", TagRuleField.Title),
        Rule(4, TagRuleKind.Keyword, "protein folding", TagRuleField.Abstract),
        Rule(5, TagRuleKind.Regex, @"\bgraph (neural )?networks?\b", TagRuleField.TitleOrAbstract),
    ]);

    [Fact]
    public void EachKindOfRuleMatchesWhereItLooks()
    {
        var paper = new Paper
        {
            ArxivId = "2601.00001", Title = "Teaching a Robot with Graph Networks", Abstract = "We study PROTEIN folding.",
            Categories = ["cs.CL"], AiKeywords = ["deep reinforcement learning"],
        };

        Assert.Equal([1, 2, 3, 4, 5], Rules.TagsFor(paper).Order());
    }

    [Theory]
    [InlineData("Worldwide robotics imagery", "")]
    [InlineData("Proteins", "A robot in the abstract does not count for a title rule.")]
    [InlineData("", "")]
    public void PartsOfWordsAndOtherFieldsDoNotCount(string title, string abstractText)
    {
        Assert.Empty(Rules.TagsFor(new Paper { ArxivId = "2601.00001", Title = title, Abstract = abstractText, Categories = ["cs.CLX"] }));
    }

    [Fact]
    public void ARegularExpressionThatRunsTooLongMatchesNothingInsteadOfHanging()
    {
        var catastrophic = TagRuleSet.Compile([Rule(9, TagRuleKind.Regex, "^(a+)+$", TagRuleField.Title)]);

        Assert.Empty(catastrophic.TagsFor(new Paper { ArxivId = "2601.00001", Title = new string('a', 5000) + "!" }));
    }

    [Theory]
    [InlineData(TagRuleKind.Regex, "(unclosed", "That is not a valid regular expression")]
    [InlineData(TagRuleKind.Keyword, " ", "A rule needs something to match.")]
    [InlineData(TagRuleKind.Category, null, "A rule needs something to match.")]
    public void AnUnusablePatternIsExplained(TagRuleKind kind, string? pattern, string message)
    {
        Assert.StartsWith(message, TagRuleSet.Problem(kind, pattern), StringComparison.Ordinal);
    }
}
