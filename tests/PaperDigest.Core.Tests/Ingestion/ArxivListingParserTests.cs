using PaperDigest.Core.Ingestion.Arxiv;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Ingestion;

public sealed class ArxivListingParserTests
{
    [Fact]
    public void TheOldLayoutParsesEveryEntryUnderItsDay()
    {
        var result = ArxivListingParser.Parse(SourceFixtures.ReadText("arxiv/listing/astro-ph.CO-pastweek-2022-11-22.html"), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Rejections);
        Assert.Equal(89, result.Listings.Sum(l => l.Papers.Count));
        Assert.Equal(
            [new DateOnly(2022, 11, 16), new DateOnly(2022, 11, 17), new DateOnly(2022, 11, 18), new DateOnly(2022, 11, 21), new DateOnly(2022, 11, 22)],
            result.Listings.Select(l => l.Day));
        var latest = result.Listings[^1];
        Assert.Equal(ListingSources.Arxiv, latest.Source);
        var first = latest.Papers[0];
        Assert.Equal("2211.11745", first.ArxivId);
        Assert.Equal("Consistent and simultaneous modelling of galaxy clustering and galaxy-galaxy lensing with Subhalo Abundance Matching", first.Title);
        Assert.Equal(["Sergio Contreras", "Raul E. Angulo", "Jonás Chaves-Montero", "Simon D. M. White", "Giovanni Aricò"], first.Authors);
        Assert.Equal("14 pages, 7 figures. Submitted to MNRAS", first.ArxivComment);
        Assert.Equal(["astro-ph.CO", "astro-ph.GA"], first.Categories);
        Assert.Contains("2211.11709", latest.CrossListed);
        Assert.DoesNotContain("2211.11745", latest.CrossListed);
    }

    [Fact]
    public void TheNewLayoutParsesEveryEntryUnderItsDay()
    {
        var result = ArxivListingParser.Parse(SourceFixtures.ReadText("arxiv/listing/astro-ph-pastweek-2024-11-23.html"), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Empty(result.Rejections);
        Assert.Equal([60, 101, 94, 67, 75], result.Listings.Select(l => l.Papers.Count));
        Assert.Equal(new DateOnly(2024, 11, 22), result.Listings[^1].Day);
        var first = result.Listings[^1].Papers[0];
        Assert.Equal("2411.14419", first.ArxivId);
        Assert.Equal("Combining summary statistics with simulation-based inference for the 21 cm signal from the Epoch of Reionization", first.Title);
        Assert.Equal(["Benoit Semelin", "Romain Mériot", "Ashutosh Mishra", "David Cornu"], first.Authors);
        Assert.Equal("11 pages, submitted to A&A", first.ArxivComment);
        Assert.Equal(["astro-ph.CO"], first.Categories);
        Assert.Contains(result.Listings, l => l.CrossListed.Contains("2411.14399"));
    }

    [Fact]
    public void MathRenderedByTheBrowserIsDroppedAndItsTexKeptAsArxivWritesIt()
    {
        // Saved from a browser: each formula is there three times, MathJax's preview, its rendering and the TeX.
        var html = SourceFixtures.ReadText("arxiv/listing/astro-ph-pastweek-2024-11-23.html");
        var result = ArxivListingParser.Parse(html, null, cancellationToken: TestContext.Current.CancellationToken);

        var titles = result.Listings.SelectMany(l => l.Papers).Select(p => p.Title).Distinct().ToList();
        Assert.Contains("Reevaluating $H_0$ Tension with Non-Planck CMB and DESI BAO Joint Analysis", titles);
        var formulas = titles.Sum(title => title.Count(c => c == '$')) / 2;
        var texInTitles = System.Text.RegularExpressions.Regex.Matches(html, "<div class=\"list-title mathjax\">(?:(?!</div>).)*", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Sum(title => System.Text.RegularExpressions.Regex.Count(title.Value, "type=\"math/tex"));
        Assert.True(texInTitles > 0);
        Assert.Equal(texInTitles, formulas);
        Assert.All(titles, title => Assert.DoesNotContain("\u2212", title, StringComparison.Ordinal));
    }

    [Fact]
    public void ANewPageTellsSubmissionsCrossListsAndReplacementsApart()
    {
        const string page = """
            <h3>New submissions (showing 1 of 1 entries)</h3>
            <dl id="articles">
              <dt><a href="/abs/2411.00001" title="Abstract">arXiv:2411.00001</a></dt>
              <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Fresh</div>
                <div class="list-authors"><a href="#">Ann Lee</a></div>
                <div class="list-subjects"><span class="descriptor">Subjects:</span> <span class="primary-subject">Machine Learning (cs.LG)</span></div></div>
                <p class="mathjax">An   abstract.</p></dd>
            </dl>
            <h3>Cross submissions (showing 1 of 1 entries)</h3>
            <dl id="articles">
              <dt><a href="/abs/2411.00002" title="Abstract">arXiv:2411.00002</a> (cross-list from stat.ML)</dt>
              <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Borrowed</div></div></dd>
            </dl>
            <h3>Replacement submissions (showing 1 of 1 entries)</h3>
            <dl id="articles">
              <dt><a href="/abs/2301.00003" title="Abstract">arXiv:2301.00003</a> (replaced)</dt>
              <dd><div class="meta"><div class="list-title mathjax"><span class="descriptor">Title:</span> Revised</div></div></dd>
            </dl>
            """;

        var result = ArxivListingParser.Parse(page, new DateOnly(2024, 11, 25), cancellationToken: TestContext.Current.CancellationToken);

        var listing = Assert.Single(result.Listings);
        Assert.Equal(new DateOnly(2024, 11, 25), listing.Day);
        Assert.Equal(["2411.00001", "2411.00002"], listing.Papers.Select(p => p.ArxivId));
        Assert.Equal(["2411.00002"], listing.CrossListed);
        Assert.Equal("An abstract.", listing.Papers[0].Abstract);
        Assert.Equal(["cs.LG"], listing.Papers[0].Categories);
        Assert.Equal("2301.00003", Assert.Single(result.Unlisted).ArxivId);
    }

    [Theory]
    [InlineData("<html><body><p>arXiv is down for maintenance</p></body></html>")]
    [InlineData("<dl><dt>[1]</dt><dd>nothing</dd></dl>")]
    public void APageWithoutEntriesIsAFormatError(string html)
    {
        Assert.Throws<FormatException>(() => ArxivListingParser.Parse(html, new DateOnly(2024, 11, 25), cancellationToken: TestContext.Current.CancellationToken));
    }
}
