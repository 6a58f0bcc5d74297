using PaperDigest.Web.Components.Papers;

namespace PaperDigest.Web.Tests.Papers;

public sealed class TexTextTests
{
    [Theory]
    [InlineData(@"97.3\% of R\&D", "97.3% of R&D")]
    [InlineData(@"pages 3--5 --- or not", "pages 3–5 — or not")]
    [InlineData(@"Fig.~2", "Fig.\u00A02")]
    [InlineData(@"``good'' \_ \# \{\}", "“good” _ # {}")]
    public void TextModeMarkupBecomesTheCharactersItStandsFor(string tex, string shown)
    {
        Assert.Equal((shown, false), TexText.Render(tex));
    }

    [Theory]
    [InlineData(@"We bound $x\%$ by 2\%.", @"We bound $x\%$ by 2%.")]
    [InlineData(@"$$a--b$$ and \(c~d\) and \[e\&f\]", @"$$a--b$$ and \(c~d\) and \[e\&f\]")]
    public void MathIsLeftAsWrittenForKatex(string tex, string shown)
    {
        Assert.Equal((shown, true), TexText.Render(tex));
    }

    [Theory]
    [InlineData("It costs $5.")]
    [InlineData("Empty $$ pair")]
    public void ALoneOrEmptyDollarIsText(string tex)
    {
        Assert.Equal((tex, false), TexText.Render(tex));
    }
}
