using PaperDigest.Core.Ingestion.HuggingFace;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class HuggingFaceApiParserTests
{
    [Fact]
    public void AnEarlyResponseWithoutSubmissionDaysIsListedOnTheRequestedDay()
    {
        var json = SourceFixtures.ReadText("huggingface/api/2024-05-27.json");

        var result = HuggingFaceApiParser.Parse(json, new DateOnly(2024, 5, 27));

        var listing = Assert.Single(result.Listings);
        Assert.Equal(new DateOnly(2024, 5, 27), listing.Day);
        Assert.Equal(ListingSources.HuggingFace, listing.Source);
        Assert.Empty(result.Rejections);
        Assert.Equal(RawIds("2024-05-27"), listing.Papers.Select(p => p.ArxivId));
    }

    [Fact]
    public void TitlesLoseArxivsHardLineWrapsAndAuthorsKeepTheirOrder()
    {
        var json = SourceFixtures.ReadText("huggingface/api/2024-05-27.json");

        var paper = HuggingFaceApiParser.Parse(json, new DateOnly(2024, 5, 27)).Listings[0].Papers.Single(p => p.ArxivId == "2405.15738");

        Assert.Equal("ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models", paper.Title);
        Assert.Equal("Chunjiang Ge", paper.Authors[0]);
        Assert.Equal(RawAuthors("2024-05-27", "2405.15738"), paper.Authors);
        Assert.Equal(32, paper.Upvotes);
        Assert.Equal(3, paper.Comments);
        Assert.Null(paper.GithubUrl);
        Assert.DoesNotContain('\n', paper.Abstract);
    }

    [Fact]
    public void ARecentResponseCarriesItsOwnDayAndTheNewerFields()
    {
        var json = SourceFixtures.ReadText("huggingface/api/2026-08-21.json");

        // A wrong requested day proves the day comes from paper.submittedOnDailyAt.
        var result = HuggingFaceApiParser.Parse(json, new DateOnly(2000, 1, 1));

        var listing = Assert.Single(result.Listings);
        Assert.Equal(new DateOnly(2026, 8, 21), listing.Day);
        var paper = listing.Papers.Single(p => p.ArxivId == "2608.19880");
        Assert.Equal("https://github.com/google-research/envharness", paper.GithubUrl);
        Assert.Equal("https://envharness.com/", paper.ProjectUrl);
        Assert.Equal("google", paper.OrganizationHandle);
        Assert.Equal("Google", paper.OrganizationName);
        Assert.Equal(8, paper.GithubStars);
        Assert.Equal(163, paper.Upvotes);
        Assert.Contains("EnvRigger", paper.AiKeywords);
        Assert.StartsWith("EnvHarness and EnvRigger", paper.AiSummary, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 8, 20, 0, 0, 0, TimeSpan.Zero), paper.PublishedAt);
    }

    [Fact]
    public void DollarSignsInTitlesAreKeptAsText()
    {
        var json = SourceFixtures.ReadText("huggingface/api/2026-08-18.json");

        var titles = HuggingFaceApiParser.Parse(json, null).Listings.SelectMany(l => l.Papers).Select(p => p.Title);

        Assert.Contains("DumpsterCluster: From Dumpster Diving to Serving LLaMA-70B on $60 GPUs", titles);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"not\": \"an array\"}")]
    [InlineData("[{\"paper\": {\"id\": \"2405.15738\"")]
    [InlineData("<html><body>Rate limited</body></html>")]
    public void MalformedJsonIsAFormatError(string json)
    {
        var error = Assert.Throws<FormatException>(() => HuggingFaceApiParser.Parse(json, new DateOnly(2024, 5, 27)));
        Assert.Contains("Hugging Face", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EntriesWithoutAnIdTitleOrDayAreRejectedWithTheReasonAndTheRestKept()
    {
        const string json = """
            [
              {"paper": {"id": "2405.15738", "title": "Kept", "upvotes": 4}},
              {"paper": {"id": "not an id", "title": "Bad id"}},
              {"paper": {"id": "2405.15739", "title": "   "}},
              {"title": "no paper object"},
              {"paper": {"id": "2405.15740", "title": "Unlisted", "upvotes": -3, "githubRepo": "javascript:alert(1)"}}
            ]
            """;

        var result = HuggingFaceApiParser.Parse(json, new DateOnly(2024, 5, 27));

        Assert.Equal(["2405.15738", "2405.15740"], result.Listings[0].Papers.Select(p => p.ArxivId));
        Assert.Equal(3, result.Rejections.Count);
        Assert.Contains(result.Rejections, r => r.Contains("not an arXiv id", StringComparison.Ordinal));
        Assert.Contains(result.Rejections, r => r.Contains("has no title", StringComparison.Ordinal));
        var odd = result.Listings[0].Papers[1];
        Assert.Null(odd.Upvotes);
        Assert.Null(odd.GithubUrl);
    }

    [Fact]
    public void WithoutASubmissionDayOrARequestedDayAnEntryIsRejected()
    {
        var result = HuggingFaceApiParser.Parse("""[{"paper": {"id": "2405.15738", "title": "T"}}]""", null);

        Assert.Empty(result.Listings);
        Assert.Contains("no listing day", Assert.Single(result.Rejections), StringComparison.Ordinal);
    }

    private static List<string> RawIds(string day) =>
        SourceFixtures.HuggingFaceApiPapers(day).Select(p => p.GetProperty("id").GetString()!).ToList();

    private static List<string> RawAuthors(string day, string id) =>
        SourceFixtures.HuggingFaceApiPapers(day)
            .Single(p => p.GetProperty("id").GetString() == id)
            .GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToList();
}
