using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Core.Papers;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Arxiv;

/// <summary>
/// arXiv's own views over a saved astro-ph pastweek page (five announcement days, 22 November 2024 the last, with 75
/// papers) beside a Hugging Face pick of one of its papers on that same day.
/// </summary>
public sealed class ArxivViewsTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    private const string Picked = "2411.14419";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM listings WHERE source = 'arxiv:astro-ph'") > 0)
            return;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SavedFileImporter>()
                .ImportAsync([SourceFixtures.PathOf("arxiv/listing/astro-ph-pastweek-2024-11-23.html")], date: null, Cancel);
        await Sql.ExecuteAsync(app.Database.ConnectionString,
            $"INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('{Picked}', 'huggingface', date '2024-11-22', 1, 'New')");
        await app.ResetPageCacheAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ACategoryDayListsNewSubmissionsThenCrossListsInArxivsOrderWithItsNeighbours()
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/arxiv/astro-ph");

        Assert.Equal("Astrophysics Friday, 22 November 2024", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith("75 papers announced in astro-ph", page.QuerySelector(".day-count")!.TextContent.Trim(), StringComparison.Ordinal);
        var items = page.QuerySelectorAll("ol.paper-list > li").ToList();
        Assert.Equal(75, items.Count);
        Assert.Equal($"papers/{Picked}", items[0].QuerySelector(".paper-title a")!.GetAttribute("href"));
        // New submissions, then cross-lists: once a cross-list is shown, no new submission follows.
        var kinds = items.Select(li => li.QuerySelector(".listing-kind") is null ? "new" : "cross").ToList();
        Assert.Contains("cross", kinds);
        Assert.DoesNotContain("new", kinds.SkipWhile(kind => kind == "new"));
        var previous = page.QuerySelector("a[rel=prev]")!;
        Assert.Equal("arxiv/astro-ph/2024-11-21", previous.GetAttribute("href"));
        Assert.Contains("(67)", previous.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("a[rel=next]"));

        var (_, busiest) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/arxiv/astro-ph/2024-11-19");
        Assert.Contains("page 1 of 2", busiest.QuerySelector(".day-count")!.TextContent, StringComparison.Ordinal);
        var (_, rest) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/arxiv/astro-ph/2024-11-19?page=2");
        Assert.Single(rest.QuerySelectorAll("ol.paper-list > li"));
    }

    [Fact]
    public async Task TheCuratedDayKeepsOnlyHuggingFacesPickAndThePaperPageLinksBothListings()
    {
        var client = app.Factory.CreateClient();
        var (_, day) = await HtmlPages.GetAsync(client, "/papers/date/2024-11-22");
        Assert.Equal([$"papers/{Picked}"], day.QuerySelectorAll(".paper-card .paper-title a").Select(a => a.GetAttribute("href")));

        var (_, paper) = await HtmlPages.GetAsync(client, $"/papers/{Picked}");
        var listed = paper.QuerySelectorAll(".listed-on a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Contains(("Friday, 22 November 2024", "papers/date/2024-11-22"), listed);
        Assert.Contains(("Astrophysics (astro-ph), Friday, 22 November 2024", "arxiv/astro-ph/2024-11-22"), listed);
    }

    [Fact]
    public async Task TheIndexNamesEachCategoryAndItsFeedHasTheLatestDay()
    {
        var client = app.Factory.CreateClient();
        var (_, index) = await HtmlPages.GetAsync(client, "/arxiv");
        var entries = index.QuerySelectorAll(".category-list li").ToDictionary(li => li.QuerySelector(".arxiv-id")!.TextContent, li => li.TextContent);
        // The followed categories (the defaults) come first, nothing listed yet; then what was imported.
        Assert.Equal(["cs.AI", "cs.CL", "cs.CV", "cs.LG", "astro-ph"], entries.Keys);
        Assert.Contains("Machine Learning", entries["cs.LG"], StringComparison.Ordinal);
        Assert.Contains("75 papers on Friday, 22 November 2024", entries["astro-ph"], StringComparison.Ordinal);
        Assert.Equal("arxiv", index.QuerySelector("header nav a[href='arxiv']")?.GetAttribute("href"));

        var feed = XDocument.Parse(await client.GetStringAsync(new Uri("/feeds/arxiv/astro-ph.atom", UriKind.Relative), Cancel));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(75, feed.Root!.Elements(atom + "entry").Count());
        Assert.Contains("Astrophysics (astro-ph)", feed.Root.Element(atom + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchAndTheApiNarrowByListingSourceOrArxivCategory()
    {
        var client = app.Factory.CreateClient();
        // A paper arXiv announced on the picked paper's day that Hugging Face did not pick.
        var (other, title) = (await Sql.StringsAsync(app.Database.ConnectionString, $"""
            SELECT p.arxiv_id || '|' || p.title FROM papers p JOIN listings l ON l.arxiv_id = p.arxiv_id
            WHERE l.source = 'arxiv:astro-ph' AND l.day = '2024-11-22' AND p.arxiv_id <> '{Picked}' AND p.title !~ '[$]' ORDER BY l.rank LIMIT 1
            """))[0].Split('|') switch { var parts => (parts[0], parts[1]) };

        async Task<List<string>> FoundAsync(string source)
        {
            var (_, page) = await HtmlPages.GetAsync(client, $"/search?q={Uri.EscapeDataString(title)}&source={source}");
            return page.QuerySelectorAll(".paper-card .paper-title a").Select(a => a.GetAttribute("href")!["papers/".Length..]).ToList();
        }
        Assert.Contains(other, await FoundAsync("arxiv"));
        Assert.Contains(other, await FoundAsync(""));
        Assert.DoesNotContain(other, await FoundAsync("curated"));

        var (_, categoryDay) = await HtmlPages.GetAsync(client, "/arxiv/astro-ph/2024-11-21");
        using (var api = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/papers?category=astro-ph&date=2024-11-21", UriKind.Relative), Cancel)))
        {
            Assert.Equal(67, api.RootElement.GetProperty("total").GetInt32());
            Assert.Equal(categoryDay.QuerySelector(".paper-card .paper-title a")!.GetAttribute("href"),
                "papers/" + api.RootElement.GetProperty("papers")[0].GetProperty("id").GetString());
        }
        using (var curated = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/papers?date=2024-11-22", UriKind.Relative), Cancel)))
            Assert.Equal(1, curated.RootElement.GetProperty("total").GetInt32());
        foreach (var refused in new[] { "/api/papers?category=astro-ph&week=2024-W47", "/api/papers?source=arxiv", "/api/papers?q=dark&source=everything", "/api/papers?q=dark&category=astro-ph" })
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.GetAsync(new Uri(refused, UriKind.Relative), Cancel)).StatusCode);
    }

    [Theory]
    [InlineData("Reevaluating $H_0$ Tension with Non-Planck CMB and DESI BAO Joint Analysis")]
    [InlineData("H_0 tension Non-Planck")]
    [InlineData("H0 tension non-planck")]
    public async Task ATitleWithMathIsStoredAsArxivWritesItAndFoundHoweverTheMathIsTyped(string query)
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/search?q=" + Uri.EscapeDataString(query));

        var first = page.QuerySelector(".paper-card .paper-title a");
        Assert.Equal("Reevaluating $H_0$ Tension with Non-Planck CMB and DESI BAO Joint Analysis", first?.TextContent.Trim());
    }

    [Fact]
    public async Task EveryPaperOfTheSavedWeekIsReachableFromItsCategoryDayItsPageAndBySearchingItsTitle()
    {
        var client = app.Factory.CreateClient();
        var days = await Sql.StringsAsync(app.Database.ConnectionString,
            "SELECT DISTINCT to_char(day, 'YYYY-MM-DD') FROM listings WHERE source = 'arxiv:astro-ph' ORDER BY 1");
        var papers = new List<(string Link, string Title)>();
        foreach (var day in days)
        {
            for (var page = 1; ; page++)
            {
                var (_, listing) = await HtmlPages.GetAsync(client, $"/arxiv/astro-ph/{day}?page={page}");
                var cards = listing.QuerySelectorAll(".paper-card .paper-title a").Select(a => (a.GetAttribute("href")!, a.TextContent.Trim())).ToList();
                papers.AddRange(cards);
                if (cards.Count < 100)
                    break;
            }
        }

        var unreachable = new List<string>();
        foreach (var (link, title) in papers.Distinct())
        {
            var (page, paper) = await HtmlPages.GetAsync(client, "/" + link);
            if (page.StatusCode != System.Net.HttpStatusCode.OK || paper.QuerySelector("h1")?.TextContent.Trim() != title)
                unreachable.Add($"{link}: its page");
            var (_, found) = await HtmlPages.GetAsync(client, "/search?q=" + Uri.EscapeDataString(title));
            if (!found.QuerySelectorAll(".paper-card .paper-title a").Any(a => a.GetAttribute("href") == link))
                unreachable.Add($"{link}: searching \"{title}\"");
        }

        // Every paper the saved page lists (60 + 101 + 94 + 67 + 75 listings over five days, some papers on two).
        Assert.Equal(await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(DISTINCT arxiv_id) FROM listings WHERE source = 'arxiv:astro-ph'"),
            papers.Distinct().LongCount());
        Assert.Empty(unreachable);
    }

    [Fact]
    public async Task AHiddenPaperLeavesItsCategoryDayAndTheCountsThere()
    {
        var db = app.Database.ConnectionString;
        var hidden = (await Sql.StringsAsync(db, $"SELECT arxiv_id FROM listings WHERE source = 'arxiv:astro-ph' AND day = '2024-11-21' AND arxiv_id <> '{Picked}' ORDER BY rank LIMIT 1"))[0];
        await Sql.ExecuteAsync(db, $"UPDATE papers SET hidden_at = now() WHERE arxiv_id = '{hidden}'");
        await app.ResetPageCacheAsync();
        try
        {
            var (_, day) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/arxiv/astro-ph/2024-11-21");

            Assert.StartsWith("66 papers", day.QuerySelector(".day-count")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.DoesNotContain(day.QuerySelectorAll(".paper-card .paper-title a"), a => a.GetAttribute("href") == $"papers/{hidden}");
        }
        finally
        {
            await Sql.ExecuteAsync(db, $"UPDATE papers SET hidden_at = NULL WHERE arxiv_id = '{hidden}'");
            await app.ResetPageCacheAsync();
        }
    }

    [Fact]
    public async Task TheNuCheckerFindsNoErrorOnTheArxivPages()
    {
        var client = app.Factory.CreateClient();
        var pages = new Dictionary<string, string>();
        foreach (var path in new[] { "/arxiv", "/arxiv/astro-ph", $"/papers/{Picked}" })
            pages[path] = await HtmlPages.TextAsync(client, path);

        Assert.Empty(await OutsideTools.NuHtmlErrorsAsync(pages));
    }
}
