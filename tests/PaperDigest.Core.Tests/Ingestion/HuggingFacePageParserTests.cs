using System.Text.Json;
using System.Text.RegularExpressions;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class HuggingFacePageParserTests
{
    private const string PagePath = "huggingface/html/papers-date-2024-08-01.html";
    private static readonly DateOnly PageDay = new(2024, 8, 1);

    [Fact]
    public void ThePageGivesTheSameThirteenPapersAsAnIndependentScraper()
    {
        var expected = ExpectedPapers();

        var result = HuggingFacePageParser.Parse(SourceFixtures.ReadText(PagePath), requestedDay: null, cancellationToken: TestContext.Current.CancellationToken);

        var listing = Assert.Single(result.Listings);
        Assert.Equal(PageDay, listing.Day);
        Assert.Empty(result.Rejections);
        Assert.Equal(13, listing.Papers.Count);
        Assert.Equal(expected.Select(p => p.Id), listing.Papers.Select(p => p.ArxivId));
        Assert.Equal(expected.Select(p => p.Title), listing.Papers.Select(p => p.Title));
        var llama = listing.Papers[0];
        Assert.Equal(("Abhimanyu Dubey", 94, 5), (llama.Authors[0], llama.Upvotes, llama.Comments));
        Assert.StartsWith("Modern artificial intelligence (AI) systems", llama.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutTheHydrationDataTheVisibleCardsGiveTheSameIdsTitlesAndUpvotes()
    {
        var html = SourceFixtures.ReadText(PagePath);
        var stripped = Regex.Replace(html, "data-target=\"DailyPapers\"", "data-target=\"Removed\"", RegexOptions.None, TimeSpan.FromSeconds(5));

        var fromData = HuggingFacePageParser.Parse(html, null, cancellationToken: TestContext.Current.CancellationToken).Listings.Single().Papers;
        var fromCards = HuggingFacePageParser.Parse(stripped, PageDay, cancellationToken: TestContext.Current.CancellationToken).Listings.Single().Papers;

        Assert.Equal(fromData.Select(p => (p.ArxivId, p.Title, p.Upvotes)), fromCards.Select(p => (p.ArxivId, p.Title, p.Upvotes)));
    }

    [Fact]
    public void ACardWhoseTitleTheBrowserRenderedWithKatexKeepsItsTex()
    {
        // KaTeX, as a page saved from a browser has it: MathML with the TeX as an annotation, then the visible rendering.
        const string card = """
            <article><h3><a href="/papers/2411.00042">Measuring <span class="katex"><span class="katex-mathml"><math><semantics><mrow><msub><mi>H</mi><mn>0</mn></msub></mrow>
            <annotation encoding="application/x-tex">H_0</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">H0</span></span></span> again</a></h3></article>
            """;

        var paper = HuggingFacePageParser.Parse(card, PageDay, cancellationToken: TestContext.Current.CancellationToken).Listings.Single().Papers.Single();

        Assert.Equal("Measuring $H_0$ again", paper.Title);
    }

    [Fact]
    public void CardsWithoutAKnownDayAreRejectedRatherThanGuessed()
    {
        var stripped = SourceFixtures.ReadText(PagePath).Replace("data-target=\"DailyPapers\"", "data-target=\"Removed\"", StringComparison.Ordinal);

        var result = HuggingFacePageParser.Parse(stripped, requestedDay: null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Listings);
        Assert.Equal(13, result.Rejections.Count);
    }

    [Theory]
    [InlineData("<html><body><h1>Daily Papers</h1><p>Something new</p></body></html>")]
    [InlineData("")]
    [InlineData("<div data-target=\"DailyPapers\" data-props=\"{&quot;dailyPapers&quot;: 3}\"></div>")]
    [InlineData("<div data-target=\"DailyPapers\" data-props=\"{not json\"></div>")]
    public void APageWithoutPaperDataIsAFormatError(string html)
    {
        Assert.Throws<FormatException>(() => HuggingFacePageParser.Parse(html, PageDay, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static List<(string Id, string Title)> ExpectedPapers()
    {
        using var json = JsonDocument.Parse(SourceFixtures.ReadText("huggingface/html/papers-date-2024-08-01.expected-ids.json"));
        return json.RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("arxiv_id").GetString()!, Text.CollapseWhitespace(e.GetProperty("title").GetString())))
            .ToList();
    }
}
