using PaperDigest.Core.Papers;
using PaperDigest.Core.Tags;

namespace PaperDigest.Core.Tests.Tags;

public sealed class TagRulesTests
{
    [Fact]
    public void CategoriesAndWholeWordsInKeywordsOrTitleGiveTags()
    {
        var paper = new Paper { ArxivId = "2601.00001", Title = "Teaching a robot to fold laundry", Categories = ["cs.CL"], AiKeywords = ["reinforcement learning"] };

        var slugs = TagRules.Matching(paper).Select(r => r.Slug);

        Assert.Equal(["language-models", "reinforcement-learning", "robotics"], slugs.Order());
    }

    [Theory]
    [InlineData("Worldwide imagery")]
    [InlineData("Diffusive transport in CURLs")]
    [InlineData("")]
    public void PartsOfWordsDoNotCount(string title)
    {
        Assert.Empty(TagRules.Matching(new Paper { ArxivId = "2601.00001", Title = title }));
    }
}
