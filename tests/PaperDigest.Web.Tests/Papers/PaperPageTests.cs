using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Papers;

public sealed class PaperPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task APaperPageShowsTheAbstractAndTheSourceLinks()
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/2608.19880");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("EnvHarness: Awakening Static Worlds for Agent Learning", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(FixtureSummary("2608.19880"), page.QuerySelector(".abstract")!.TextContent.Trim());
        Assert.Contains("Chengsong Huang", page.QuerySelector(".authors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("papers/date/2026-08-21", page.QuerySelector("a.listed-day")!.GetAttribute("href"));
        var links = page.QuerySelectorAll(".paper-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://arxiv.org/abs/2608.19880", "https://arxiv.org/pdf/2608.19880", "https://huggingface.co/papers/2608.19880",
            "https://github.com/google-research/envharness", "https://envharness.com/"], links);
        Assert.StartsWith("EnvHarness and EnvRigger", page.QuerySelector(".ai-summary p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APaperPageCarriesLinkPreviewAndScholarlyMetadata()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/2608.19880");

        string? Meta(string attribute, string name) => page.QuerySelector($"meta[{attribute}='{name}']")?.GetAttribute("content");
        const string Title = "EnvHarness: Awakening Static Worlds for Agent Learning";
        Assert.Equal("http://localhost/papers/2608.19880", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.StartsWith("EnvHarness and EnvRigger", Meta("name", "description"), StringComparison.Ordinal);
        Assert.InRange(Meta("name", "description")!.Length, 50, 160);
        Assert.Equal(Title, Meta("property", "og:title"));
        Assert.Equal("article", Meta("property", "og:type"));
        Assert.Equal("http://localhost/papers/2608.19880", Meta("property", "og:url"));
        Assert.Equal(Meta("name", "description"), Meta("property", "og:description"));
        Assert.Equal("summary", Meta("name", "twitter:card"));
        Assert.Equal(Title, Meta("name", "twitter:title"));
        Assert.Equal(Title, Meta("name", "citation_title"));
        var authors = page.QuerySelectorAll("meta[name=citation_author]").Select(m => m.GetAttribute("content")).ToList();
        Assert.Equal(17, authors.Count);
        Assert.Equal(["Chengsong Huang", "Zifeng Wang"], authors.Take(2));
        Assert.Matches(@"^\d{4}/\d{2}/\d{2}$", Meta("name", "citation_publication_date"));
        Assert.Equal("https://arxiv.org/pdf/2608.19880", Meta("name", "citation_pdf_url"));
        Assert.Equal("2608.19880", Meta("name", "citation_arxiv_id"));
    }

    [Fact]
    public async Task LatexTextMarkupIsResolvedAndKatexLoadsOnlyForMath()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.08101", "Plain", @"Reached 97.3\% of identities -- R\&D, ``quoted''~here.", "A. Author");
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.08102", "Math", @"We bound $x\%$ by 2\%.", "A. Author");
        var client = app.Factory.CreateClient();

        var (_, plain) = await HtmlPages.GetAsync(client, "/papers/2601.08101");
        var (_, math) = await HtmlPages.GetAsync(client, "/papers/2601.08102");

        Assert.Equal("Reached 97.3% of identities – R&D, “quoted”\u00A0here.", plain.QuerySelector(".abstract")!.TextContent);
        Assert.Null(plain.QuerySelector("[data-math]"));
        Assert.Empty(plain.QuerySelectorAll("script[src*=katex], link[href*=katex]"));
        // Math keeps its own escapes for KaTeX; the text around it loses LaTeX's.
        Assert.Equal(@"We bound $x\%$ by 2%.", math.QuerySelector(".abstract[data-math]")!.TextContent);
        Assert.Equal(2, math.QuerySelectorAll("script[src*=katex]").Length);
    }

    [Fact]
    public async Task TheUpvoteHistoryIsDrawnAsAnSvgLineWithATextEquivalent()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, first_seen_at, updated_at, upvotes, comments) VALUES ('2601.08001', 'Charted', now(), now(), 40, 0)
            ON CONFLICT DO NOTHING;
            INSERT INTO paper_metrics (arxiv_id, source, observed_at, upvotes) VALUES
              ('2601.08001', 'huggingface', '2026-01-05T08:00:00Z', 3),
              ('2601.08001', 'huggingface', '2026-01-05T20:00:00Z', 18),
              ('2601.08001', 'huggingface', '2026-01-07T08:00:00Z', 40);
            """);

        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/2601.08001");

        var chart = page.QuerySelector(".upvote-chart svg")!;
        Assert.Equal(3, chart.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal("Upvotes rose from 3 on 5 Jan 2026 to 40 on 7 Jan 2026, over 3 observations.", chart.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task RelatedPapersComeFromTheFullTextIndexMostAlikeFirst()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, abstract, first_seen_at, updated_at, upvotes, comments) VALUES
              ('2601.07001', 'Zebra stripes as quantum lattices', 'Stripes.', now(), now(), 0, 0),
              ('2601.07002', 'Quantum lattices of zebra herds', 'Herds.', now(), now(), 0, 0),
              ('2601.07003', 'Lattices without animals', 'Plain.', now(), now(), 0, 0)
            ON CONFLICT DO NOTHING
            """);

        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/2601.07001");

        var related = page.QuerySelectorAll(".related .paper-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("papers/2601.07002", related[0]);
        Assert.Contains("papers/2601.07003", related);
        Assert.DoesNotContain("papers/2601.07001", related);
        Assert.InRange(related.Count, 2, 5);
        Assert.DoesNotContain(page.QuerySelectorAll(".paper-links a"), a => a.TextContent == "Hugging Face");
    }

    [Theory]
    [InlineData("/papers/2608.19880v2")]
    [InlineData("/papers/arXiv:2608.19880")]
    public async Task AnyFormOfTheIdRedirectsToTheCanonicalOne(string path)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/papers/2608.19880", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/papers/2608.00000")]
    [InlineData("/papers/not-a-paper")]
    [InlineData("/papers/%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task AnUnknownPaperIsAHelpfulNotFound(string path)
    {
        var (response, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task MarkupInAScrapedTitleIsShownAsText()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.00666", hostile, "<b>bold?</b>");

        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/2601.00666");

        Assert.Equal(hostile, page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main script, main img[onerror], .abstract b"));
    }

    private static string FixtureSummary(string id)
    {
        var summary = SourceFixtures.HuggingFaceApiPapers("2026-08-21").Single(p => p.GetProperty("id").GetString() == id).GetProperty("summary").GetString()!;
        return string.Join(' ', summary.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
