using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Tests.Papers;

public sealed class ArxivIdTests
{
    [Theory]
    [InlineData("2405.15738", "2405.15738")]
    [InlineData("2405.15738v3", "2405.15738")]
    [InlineData("arXiv:2405.15738v1", "2405.15738")]
    [InlineData("  ARXIV:2405.15738 ", "2405.15738")]
    [InlineData("https://arxiv.org/abs/2405.15738v2", "2405.15738")]
    [InlineData("http://arxiv.org/pdf/2405.15738v1.pdf", "2405.15738")]
    [InlineData("https://huggingface.co/papers/2405.15738", "2405.15738")]
    [InlineData("arxiv.org/abs/2405.15738v2", "2405.15738")]
    [InlineData("www.arxiv.org/pdf/2405.15738", "2405.15738")]
    [InlineData("huggingface.co/papers/2405.15738", "2405.15738")]
    [InlineData("0704.0001", "0704.0001")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("hep-th/9901001v2", "hep-th/9901001")]
    [InlineData("arXiv:math.GT/0309136", "math/0309136")]
    [InlineData("https://arxiv.org/abs/cond-mat/0011209v1", "cond-mat/0011209")]
    public void EverySpellingOfAnIdNormalisesToTheStoredKey(string input, string expected)
    {
        Assert.True(ArxivId.TryNormalize(input, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2405.157")]
    [InlineData("2405.157388")]
    [InlineData("not-an-id")]
    [InlineData("2405.15738'; DROP TABLE papers; --")]
    [InlineData("https://example.com/abs/../../etc/passwd")]
    [InlineData("javascript:alert(1)")]
    public void AnythingElseIsRejected(string? input)
    {
        Assert.False(ArxivId.TryNormalize(input, out var id));
        Assert.Null(id);
    }

    [Fact]
    public void LinksPointAtArxiv()
    {
        Assert.Equal("https://arxiv.org/abs/hep-th/9901001", ArxivId.AbstractUrl("hep-th/9901001").AbsoluteUri);
        Assert.Equal("https://arxiv.org/pdf/2405.15738", ArxivId.PdfUrl("2405.15738").AbsoluteUri);
    }
}
