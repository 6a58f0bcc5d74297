using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin/tags and the bulk tag form of /admin/papers, checked on the public tag and paper pages.</summary>
public sealed class TagCurationTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    // Each test changes what the others read (hidden, pinned, edited, merged, tagged or cached papers), so each starts
    // from the sample alone.
    public async ValueTask InitializeAsync() => await app.ResetToSampleAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Db => app.Database.ConnectionString;

    private static async Task<HttpResponseMessage> TagPapersAsync(HttpClient admin, string tagSlug, string action, params string[] arxivIds) =>
        await AdminSession.SubmitAsync(admin, "/admin/papers", "form.bulk-actions",
            [("Bulk.Tag", await TagIdAsync(admin, tagSlug)), ("Bulk.Action", action == "add" ? "tag" : "untag"), .. arxivIds.Select(id => ("Bulk.Papers", id))]);

    private static async Task<string> TagIdAsync(HttpClient admin, string slug)
    {
        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/tags");
        return page.QuerySelector($"tr[data-tag='{slug}'] input[name='Change.Tag']")!.GetAttribute("value")!;
    }

    private async Task<List<string>> TagsOnPaperPageAsync(string arxivId)
    {
        var (_, page) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/papers/" + arxivId);
        return page.QuerySelectorAll("ul.paper-tags a").Select(a => a.GetAttribute("href")!["tags/".Length..]).ToList();
    }

    private Task<List<string>> PaperIdsAsync(int count) =>
        Sql.StringsAsync(Db, $"SELECT arxiv_id FROM papers ORDER BY arxiv_id LIMIT {count}");

    [Fact]
    public async Task ACreatedTagPutOnSelectedPapersShowsOnThePublicPagesAndIsAuditedPerPaper()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var papers = await PaperIdsAsync(2);

        var created = await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "Graph Neural Networks"));
        Assert.Contains("Tag created.", await created.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var tagged = await TagPapersAsync(admin, "graph-neural-networks", "add", [.. papers]);

        Assert.Contains("2 papers tagged.", await tagged.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var (_, tagPage) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/tags/graph-neural-networks");
        Assert.Equal(papers.Order(StringComparer.Ordinal), tagPage.QuerySelectorAll(".paper-card .paper-title a")
            .Select(a => a.GetAttribute("href")!["papers/".Length..]).Order(StringComparer.Ordinal));
        Assert.Contains("graph-neural-networks", await TagsOnPaperPageAsync(papers[0]));
        Assert.Equal(2, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM audit_entries WHERE action = 'paper.tag' AND after LIKE 'tag graph-neural-networks (#%, Graph Neural Networks): Curator'"));
    }

    [Fact]
    public async Task ARuleTagACuratorRemovedStaysOffWhenTheSourcesAreScrapedAgain()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var (id, slug) = (await Sql.StringsAsync(Db, """
            SELECT pt.arxiv_id || ' ' || t.slug FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.origin = 'Rule' ORDER BY 1 LIMIT 1
            """))[0].Split(' ') switch { var parts => (parts[0], parts[1]) };

        var removed = await TagPapersAsync(admin, slug, "remove", id);

        Assert.Contains("1 paper untagged.", await removed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal("Removed", await Sql.ScalarAsync<string>(Db, $"SELECT origin FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id WHERE arxiv_id = '{id}' AND slug = '{slug}'"));
        Assert.DoesNotContain(slug, await TagsOnPaperPageAsync(id));
        // The re-scrape must change the paper, or its rule tags are not looked at again.
        await Sql.ExecuteAsync(Db, $"UPDATE papers SET title = title || ' (before the re-scrape)' WHERE arxiv_id = '{id}'");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SampleListingImporter>().ImportAsync(Cancel);
        Assert.DoesNotContain("(before the re-scrape)", await Sql.ScalarAsync<string>(Db, $"SELECT title FROM papers WHERE arxiv_id = '{id}'"), StringComparison.Ordinal);
        Assert.DoesNotContain(slug, await TagsOnPaperPageAsync(id));

        await TagPapersAsync(admin, slug, "add", id);
        Assert.Contains(slug, await TagsOnPaperPageAsync(id));
        Assert.Equal(["paper.untag|Rule", "paper.tag|Removed"], await Sql.StringsAsync(Db,
            $"SELECT action || '|' || before FROM audit_entries WHERE subject = 'paper {id}' AND after LIKE 'tag {slug} (%' ORDER BY id"));
    }

    [Fact]
    public async Task MergingMovesPapersAndFollowersThenTheOldTagIsGone()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "GNN"));
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "Graphs"));
        var paper = (await PaperIdsAsync(3))[2];
        await TagPapersAsync(admin, "gnn", "add", paper);
        await Sql.InsertSubscriberAsync(Db, "gnn-fan@example.com", tags: ["gnn", "graphs"]);

        var refused = await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='gnn'] form.tag-delete", ("Change.Confirmed", "true"));
        Assert.Contains("1 subscriber follows GNN; merge it into another tag instead", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var merged = await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='gnn'] form.tag-merge", ("Change.Into", await TagIdAsync(admin, "graphs")), ("Change.Confirmed", "true"));

        Assert.Contains("Tags merged", await merged.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // The old addresses lead to the kept tag, as a merged paper's do.
        var reader = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var oldPage = await reader.GetAsync(new Uri("/tags/gnn", UriKind.Relative), Cancel);
        Assert.Equal((System.Net.HttpStatusCode.Found, "/tags/graphs"), (oldPage.StatusCode, oldPage.Headers.Location!.AbsolutePath));
        var oldFeed = await reader.GetAsync(new Uri("/feeds/tags/gnn.atom", UriKind.Relative), Cancel);
        Assert.Equal((System.Net.HttpStatusCode.MovedPermanently, "/feeds/tags/graphs.atom"), (oldFeed.StatusCode, oldFeed.Headers.Location!.OriginalString));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await reader.GetAsync(new Uri("/tags/never-was", UriKind.Relative), Cancel)).StatusCode);
        // A new tag of the old name takes its address back.
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "GNN"));
        await TagPapersAsync(admin, "gnn", "add", paper);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await reader.GetAsync(new Uri("/tags/gnn", UriKind.Relative), Cancel)).StatusCode);
        // The audit log tells the merged-away tag from the new one at its address.
        Assert.Equal(2, await Sql.ScalarAsync<long>(Db, "SELECT count(DISTINCT subject) FROM audit_entries WHERE action = 'tag.create' AND subject LIKE 'tag gnn (#%, GNN)'"));
        Assert.Contains("graphs", await TagsOnPaperPageAsync(paper));
        Assert.Equal("{graphs}", await Sql.ScalarAsync<string>(Db, "SELECT tags::text FROM subscribers WHERE email = 'gnn-fan@example.com'"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM audit_entries WHERE action = 'tag.merge' AND before = 'gnn' AND after = 'graphs'"));
    }

    [Fact]
    public async Task RenamingKeepsTheAddressAndDeletingAnUnfollowedTagRemovesIt()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "Misc"));

        await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='misc'] form.tag-rename", ("Change.Name", "Miscellany <b>"));
        var (_, renamed) = await HtmlPages.GetAsync(admin, "/admin/tags");
        Assert.StartsWith("Miscellany <b>", renamed.QuerySelector("tr[data-tag='misc'] th a")!.TextContent, StringComparison.Ordinal);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='misc'] form.tag-delete", ("Change.Confirmed", "true"));

        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM tags WHERE slug = 'misc'"));
        Assert.Equal(["tag.create", "tag.rename", "tag.delete"], await Sql.StringsAsync(Db, "SELECT action FROM audit_entries WHERE subject LIKE 'tag misc (#%, Misc%' ORDER BY id"));
    }

    [Fact]
    public async Task DeletingATagAsksOnceMoreThenAuditsWhatWentWithIt()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "World models"));
        var paper = (await PaperIdsAsync(4))[3];
        await TagPapersAsync(admin, "world-models", "add", paper);
        await Sql.ExecuteAsync(Db, "INSERT INTO tag_rules (tag_id, kind, pattern, created_by, created_at) SELECT id, 'AiKeyword', 'world model', 'a curator', now() FROM tags WHERE slug = 'world-models'");

        // The browser would not send the form with the box unticked (it is required); a post without it changes nothing.
        var unconfirmed = await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='world-models'] form.tag-delete");
        Assert.Contains("Tick the box beside Delete to confirm", await unconfirmed.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(1, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM tags WHERE slug = 'world-models'"));

        await AdminSession.SubmitAsync(admin, "/admin/tags", "tr[data-tag='world-models'] form.tag-delete", ("Change.Confirmed", "true"));

        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM tags WHERE slug = 'world-models'"));
        Assert.Equal(["tag.create|World models", "tag-rule.delete|AI keywords: world model|deleted with its tag", "tag.delete|World models|deleted: taken off 1 paper, 1 rule deleted"],
            await Sql.StringsAsync(Db, "SELECT concat_ws('|', action, before, after) FROM audit_entries WHERE subject LIKE 'tag world-models (#%, World models)' AND action <> 'paper.tag' ORDER BY id"));
    }

    [Theory]
    [InlineData("", "A tag needs a name.")]
    [InlineData("!!!", "A tag name needs at least one letter or digit.")]
    [InlineData("Agents", "A tag with the address agents exists already")]
    public async Task ABadNewTagIsRefusedInOneSentence(string name, string message)
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var response = await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", name));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }
}
