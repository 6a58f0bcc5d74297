using PaperDigest.Core.Ingestion.Arxiv;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class ArxivAtomParserTests
{
    [Fact]
    public void AnOldStyleFeedEnrichesThePaperWithItsDoiCommentAndCategories()
    {
        var page = ArxivAtomParser.Parse(SourceFixtures.ReadText("arxiv/atom/id_list=1111.2011v2.xml"));

        var paper = Assert.Single(page.Result.Unlisted);
        Assert.Empty(page.Result.Listings);
        Assert.Equal("1111.2011", paper.ArxivId);
        Assert.Equal("Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit", paper.Title);
        Assert.Equal(["James M. Murray", "Adrian Del Maestro", "Zlatko Tesanovic"], paper.Authors);
        Assert.Equal("10.1103/PhysRevB.85.115117", paper.Doi);
        Assert.Equal("8 pages, 3 figures. Published version", paper.ArxivComment);
        Assert.Equal(["cond-mat.str-el", "cond-mat.stat-mech"], paper.Categories);
        Assert.Equal(new DateTimeOffset(2011, 11, 8, 18, 48, 36, TimeSpan.Zero), paper.PublishedAt);
        Assert.StartsWith("Theoretical description of anisotropic systems", paper.Abstract, StringComparison.Ordinal);
        Assert.False(page.HasMore);
    }

    [Fact]
    public void ARecentFeedPutsThePrimaryCategoryFirst()
    {
        var (_, body) = SourceFixtures.RecordedExchange("arxiv/atom/id_1605.08386_s0_m100_199195aa31ad.json");

        var paper = Assert.Single(ArxivAtomParser.Parse(body).Result.Unlisted);

        Assert.Equal(("1605.08386", "Heat-bath random walks with Markov bases"), (paper.ArxivId, paper.Title));
        Assert.Equal(["math.CO", "math.ST"], paper.Categories);
        Assert.Equal("20 pages, 3 figures", paper.ArxivComment);
        Assert.Equal(["Caprice Stanley", "Tobias Windisch"], paper.Authors);
    }

    [Fact]
    public void APagedSearchSaysWhereItIsInTheWholeResult()
    {
        var (_, body) = SourceFixtures.RecordedExchange("arxiv/atom/q_testing_s10_m10_34e56e15aaac.json");

        var page = ArxivAtomParser.Parse(body);

        Assert.Equal((214881, 10, 10), (page.TotalResults, page.StartIndex, page.ItemsPerPage));
        Assert.Equal(10, page.Result.Unlisted.Count);
        Assert.True(page.HasMore);
    }

    [Fact]
    public void AnEmptyResultIsEmptyNotAnError()
    {
        var (status, body) = SourceFixtures.RecordedExchange("arxiv/atom/id_0808.05394_s0_m100_7b0c7d0a7cdd.json");

        var page = ArxivAtomParser.Parse(body);

        Assert.Equal(200, status);
        Assert.Empty(page.Result.Unlisted);
        Assert.Empty(page.Result.Rejections);
        Assert.False(page.HasMore);
    }

    [Fact]
    public void TheErrorFeedBecomesAnErrorWithArxivsReason()
    {
        var (status, body) = SourceFixtures.RecordedExchange("arxiv/atom/id_abc_s0_m100_b79c8dcf6bc3.json");

        var error = Assert.Throws<ArxivApiException>(() => ArxivAtomParser.Parse(body));

        Assert.Equal(400, status);
        Assert.Equal("The arXiv API refused the query: incorrect id format for abc.", error.Message);
    }

    public static TheoryData<string> EveryAtomFixture() =>
        new(Directory.GetFiles(SourceFixtures.PathOf("arxiv/atom")).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EveryAtomFixture))]
    public void EveryRecordedAtomAnswerParsesOrIsArxivsOwnError(string fixture)
    {
        var (status, body) = fixture.EndsWith(".json", StringComparison.Ordinal)
            ? SourceFixtures.RecordedExchange($"arxiv/atom/{fixture}")
            : (200, SourceFixtures.ReadText($"arxiv/atom/{fixture}"));

        if (status != 200)
        {
            Assert.Throws<ArxivApiException>(() => ArxivAtomParser.Parse(body));
            return;
        }
        var page = ArxivAtomParser.Parse(body);
        Assert.Empty(page.Result.Rejections);
        Assert.Equal(Math.Min(page.TotalResults - page.StartIndex, page.ItemsPerPage), page.Result.Unlisted.Count);
        Assert.All(page.Result.Unlisted, paper => Assert.False(string.IsNullOrEmpty(paper.Title)));
    }

    [Theory]
    [InlineData("<html><body>Service Unavailable</body></html>")]
    [InlineData("not xml at all")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE feed [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]><feed xmlns=\"http://www.w3.org/2005/Atom\">&b;</feed>")]
    public void AnythingButAnAtomFeedIsAFormatError(string xml)
    {
        Assert.Throws<FormatException>(() => ArxivAtomParser.Parse(xml));
    }
}
