using System.Globalization;
using System.Net;
using System.Xml.Linq;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Api;

public sealed class FeedTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task TheDailyFeedIsValidAtomWithTheLatestDaysPapers()
    {
        var feed = await GetFeedAsync("/feeds/daily.atom");

        AssertValidAtom(feed);
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(17, entries.Count);
        Assert.Contains("21 August 2026", (string?)feed.Root.Element(Atom + "title"), StringComparison.Ordinal);
        var first = entries[0];
        Assert.Equal("EnvHarness: Awakening Static Worlds for Agent Learning", (string?)first.Element(Atom + "title"));
        Assert.EndsWith("/papers/2608.19880", (string?)first.Element(Atom + "id"), StringComparison.Ordinal);
        Assert.Equal("Chengsong Huang", (string?)first.Element(Atom + "author")?.Element(Atom + "name"));
        Assert.StartsWith("EnvHarness and EnvRigger", (string?)first.Element(Atom + "summary"), StringComparison.Ordinal);
        Assert.Equal("html", (string?)first.Element(Atom + "content")?.Attribute("type"));
        Assert.StartsWith("<p>LLM agents learn", (string?)first.Element(Atom + "content"), StringComparison.Ordinal);
        // Dated by the paper, not by the moment the sample was imported into this test's database.
        Assert.Equal((string?)first.Element(Atom + "published"), (string?)first.Element(Atom + "updated"));
    }

    [Fact]
    public async Task TheTrendingFeedIsValidAtomInTrendingOrder()
    {
        var feed = await GetFeedAsync("/feeds/trending.atom");
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/trending");

        AssertValidAtom(feed);
        var entries = feed.Root!.Elements(Atom + "entry").Select(e => new Uri((string)e.Element(Atom + "id")!).AbsolutePath.TrimStart('/')).ToList();
        var ranked = page.QuerySelectorAll(".paper-title a").Select(a => a.GetAttribute("href")!).Take(50).ToList();
        Assert.Equal(50, entries.Count);
        Assert.Equal(ranked, entries);
    }

    [Fact]
    public async Task TheSearchFeedPutsUndatedPapersAfterDatedOnesAndDatesEntriesByTheirLastChange()
    {
        await Sql.ExecuteAsync(app.Database.ConnectionString, """
            INSERT INTO papers (arxiv_id, title, abstract, first_seen_at, updated_at, published_at, upvotes, comments) VALUES
              ('2601.09001', 'Quokkaformer undated', 'Quokkas.', now(), now(), NULL, 0, 0),
              ('2601.09002', 'Quokkaformer dated', 'Quokkas.', now(), now(), '2026-01-05T00:00:00Z', 0, 0),
              ('2601.09003', 'Quokkaformer corrected', 'Quokkas.', '2026-01-10T00:00:00Z', '2026-01-12T08:00:00Z', '2026-01-04T00:00:00Z', 0, 0)
            ON CONFLICT DO NOTHING
            """);

        var feed = await GetFeedAsync("/feeds/search.atom?q=quokkaformer");

        var entries = feed.Root!.Elements(Atom + "entry").ToDictionary(e => (string)e.Element(Atom + "title")!, e => (string?)e.Element(Atom + "updated"));
        Assert.Equal(["Quokkaformer dated", "Quokkaformer corrected", "Quokkaformer undated"], entries.Keys);
        Assert.Equal("2026-01-05T00:00:00Z", entries["Quokkaformer dated"]);
        Assert.Equal("2026-01-12T08:00:00Z", entries["Quokkaformer corrected"]);
    }

    [Fact]
    public async Task ATagFeedIsValidAtom()
    {
        var feed = await GetFeedAsync("/feeds/tags/agents.atom");

        AssertValidAtom(feed);
        Assert.NotEmpty(feed.Root!.Elements(Atom + "entry"));
    }

    [Theory]
    [InlineData("agents")]
    [InlineData("")]
    [InlineData("\"unbalanced ' OR 1=1 --")]
    public async Task ASearchFeedIsValidAtomForAnyQuery(string query)
    {
        var feed = await GetFeedAsync("/feeds/search.atom?q=" + Uri.EscapeDataString(query));

        AssertValidAtom(feed);
        if (query == "agents")
            Assert.NotEmpty(feed.Root!.Elements(Atom + "entry"));
    }

    private async Task<XDocument> GetFeedAsync(string path)
    {
        var response = await app.Factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    // The RFC 4287 rules a feed reader relies on: ids are absolute IRIs, dates are RFC 3339, every entry has an id,
    // a title, an updated date, an alternate link and an author (its own or the feed's).
    private static void AssertValidAtom(XDocument feed)
    {
        var root = feed.Root!;
        Assert.Equal(Atom + "feed", root.Name);
        Assert.True(Uri.IsWellFormedUriString((string?)root.Element(Atom + "id"), UriKind.Absolute));
        Assert.False(string.IsNullOrWhiteSpace((string?)root.Element(Atom + "title")));
        AssertTimestamp((string?)root.Element(Atom + "updated"));
        Assert.Contains(root.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        var feedHasAuthor = root.Element(Atom + "author") is not null;
        foreach (var entry in root.Elements(Atom + "entry"))
        {
            Assert.True(Uri.IsWellFormedUriString((string?)entry.Element(Atom + "id"), UriKind.Absolute));
            Assert.False(string.IsNullOrWhiteSpace((string?)entry.Element(Atom + "title")));
            AssertTimestamp((string?)entry.Element(Atom + "updated"));
            Assert.Contains(entry.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate");
            Assert.True(feedHasAuthor || entry.Element(Atom + "author") is not null);
        }
        Assert.Equal(root.Elements(Atom + "entry").Count(), root.Elements(Atom + "entry").Select(e => (string?)e.Element(Atom + "id")).Distinct().Count());
    }

    private static void AssertTimestamp(string? value) =>
        Assert.True(DateTimeOffset.TryParseExact(value, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), $"'{value}' is not an RFC 3339 UTC time");
}
