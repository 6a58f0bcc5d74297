using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>Hiding and pinning papers from /admin/papers, checked where readers and subscribers would see them.</summary>
public sealed class PaperCurationTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    // Each test changes what the others read (hidden, pinned, edited, merged, tagged or cached papers), so each starts
    // from the sample alone.
    public async ValueTask InitializeAsync() => await app.ResetToSampleAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PressAsync(HttpClient admin, string arxivId, string action) =>
        AdminSession.SubmitAsync(admin, "/admin/papers?q=" + Uri.EscapeDataString(arxivId), "tbody form", ("Command.Action", action));

    private static async Task<List<string>> CardIdsAsync(HttpClient reader, string path)
    {
        var (_, page) = await HtmlPages.GetAsync(reader, path);
        return page.QuerySelectorAll(".paper-card .paper-title a").Select(a => a.GetAttribute("href")!.Replace("papers/", "", StringComparison.Ordinal)).ToList();
    }

    private static async Task<string> GetTextAsync(HttpClient reader, string path) =>
        await (await reader.GetAsync(new Uri(path, UriKind.Relative), Cancel)).Content.ReadAsStringAsync(Cancel);

    [Fact]
    public async Task TheListIsSortedCountedAndNumberedAndBulkActionsCountHonestlyAndKeepTheTagChosen()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var total = await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM papers");

        var (_, byUpvotes) = await HtmlPages.GetAsync(admin, "/admin/papers?sort=upvotes");
        Assert.Contains($"{total} papers, page 1 of {(total + 49) / 50}.", byUpvotes.QuerySelector(".list-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(await Sql.ScalarAsync<int>(app.Database.ConnectionString, "SELECT max(upvotes) FROM papers"),
            int.Parse(byUpvotes.QuerySelector("tbody td[data-label=Upvotes]")!.TextContent, CultureInfo.InvariantCulture));
        Assert.NotNull(byUpvotes.QuerySelector($".pager a[href$='page={(total + 49) / 50}&sort=upvotes']"));

        var ids = await Sql.StringsAsync(app.Database.ConnectionString, "SELECT arxiv_id FROM papers ORDER BY arxiv_id LIMIT 3");
        await PressAsync(admin, ids[0], "hide");
        var hidden = await AdminSession.SubmitAsync(admin, "/admin/papers", "form.bulk-actions",
            ("Bulk.Action", "hide"), ("Bulk.Papers", ids[0]), ("Bulk.Papers", ids[1]), ("Bulk.Papers", ids[2]));
        Assert.Contains("2 papers hidden, 1 hidden already.", await hidden.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // A hidden paper has no public page: its title leads to the curators' view.
        var (_, hiddenList) = await HtmlPages.GetAsync(admin, "/admin/papers?hidden=true");
        Assert.Equal($"admin/papers/{ids[0]}", hiddenList.QuerySelectorAll("tbody th a").Single(a => a.ParentElement!.TextContent.Contains(ids[0], StringComparison.Ordinal)).GetAttribute("href"));

        var allShown = await AdminSession.SubmitAsync(admin, "/admin/papers?hidden=true", "form.bulk-actions", ("Bulk.Action", "unhide"), ("Bulk.AllOnPage", "true"));
        Assert.Contains("3 papers shown again.", await allShown.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM papers WHERE hidden_at IS NOT NULL"));

        var (_, tagsPage) = await HtmlPages.GetAsync(admin, "/admin/papers");
        var secondTag = tagsPage.QuerySelectorAll("#bulk-tag option")[1].GetAttribute("value")!;
        var tagged = await AdminSession.SubmitAsync(admin, "/admin/papers", "form.bulk-actions", ("Bulk.Action", "tag"), ("Bulk.Tag", secondTag), ("Bulk.Papers", ids[0]));
        var (_, after) = await HtmlPages.GetAsync(admin, tagged.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Equal(secondTag, after.QuerySelector("#bulk-tag option[selected]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task TheCuratorsSearchFindsAPaperByItsWordsInAnyOrderOrByAPastedAddress()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var (id, title) = (await Sql.StringsAsync(app.Database.ConnectionString, "SELECT arxiv_id || '|' || title FROM papers ORDER BY arxiv_id LIMIT 1"))[0].Split('|') switch
        {
            var parts => (parts[0], parts[1]),
        };
        // The title's two longest words, the last first, in lower case: what a curator half remembers.
        var words = string.Join(' ', title.Split(' ', ':', '-').OrderByDescending(w => w.Length).Take(2).Reverse()).ToLowerInvariant();

        foreach (var query in new[] { words, "arxiv.org/abs/" + id + "v2", "https://huggingface.co/papers/" + id })
        {
            var (_, page) = await HtmlPages.GetAsync(admin, "/admin/papers?q=" + Uri.EscapeDataString(query));
            Assert.Contains(page.QuerySelectorAll("tbody input[name='Bulk.Papers']"), box => box.GetAttribute("value") == id);
        }
    }

    [Fact]
    public async Task AHiddenPaperLeavesEveryPublicPlaceAtOnceAndComesBackWhenShown()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var reader = app.Factory.CreateClient();
        var (_, detail) = await HtmlPages.GetAsync(reader, "/papers/" + (await CardIdsAsync(reader, "/"))[0]);
        var id = (await CardIdsAsync(reader, "/"))[0];
        var title = detail.QuerySelector("h1")!.TextContent.Trim();
        // Cached before hiding, so the test also proves the change evicts the page cache.
        Assert.Contains(id, await GetTextAsync(reader, "/feeds/daily.atom"), StringComparison.Ordinal);
        // A search for a shown paper's id jumps to it; for a hidden one it must not (see below).
        var noRedirects = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.EndsWith("/papers/" + id, (await noRedirects.GetAsync(new Uri("/search?q=" + id, UriKind.Relative), Cancel)).Headers.Location?.OriginalString);

        var hidden = await PressAsync(admin, id, "hide");

        Assert.Contains($"{id} is hidden", await hidden.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await CardIdsAsync(reader, "/"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri("/papers/" + id, UriKind.Relative), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(new Uri("/api/papers/" + id, UriKind.Relative), Cancel)).StatusCode);
        Assert.DoesNotContain(id, await CardIdsAsync(reader, "/search?q=" + Uri.EscapeDataString(title)));
        var idSearch = await noRedirects.GetAsync(new Uri("/search?q=" + id, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, idSearch.StatusCode);
        Assert.DoesNotContain(id, await CardIdsAsync(reader, "/search?q=" + id));
        Assert.DoesNotContain(id, await GetTextAsync(reader, "/api/papers?q=" + Uri.EscapeDataString(title)), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await GetTextAsync(reader, "/feeds/daily.atom"), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await GetTextAsync(reader, "/api/papers"), StringComparison.Ordinal);
        Assert.DoesNotContain(id, await GetTextAsync(reader, "/digest/preview?max=50"), StringComparison.Ordinal);
        var (_, list) = await HtmlPages.GetAsync(admin, "/admin/papers?hidden=true");
        Assert.Equal("Hidden", Assert.Single(list.QuerySelectorAll("tbody tr")).QuerySelector(".paper-state")!.TextContent);

        await PressAsync(admin, id, "unhide");

        Assert.Equal(id, (await CardIdsAsync(reader, "/"))[0]);
        Assert.Contains(id, await GetTextAsync(reader, "/digest/preview?max=50"), StringComparison.Ordinal);
        Assert.Equal(["paper.hide|shown|hidden", "paper.unhide|hidden|shown"], await Sql.StringsAsync(app.Database.ConnectionString,
            $"SELECT action || '|' || before || '|' || after FROM audit_entries WHERE subject = 'paper {id}' ORDER BY id"));
    }

    [Fact]
    public async Task APinnedPaperLeadsItsDayUntilUnpinned()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var reader = app.Factory.CreateClient();
        var day = await CardIdsAsync(reader, "/");
        var last = day[^1];

        await PressAsync(admin, last, "pin");

        Assert.Equal(last, (await CardIdsAsync(reader, "/"))[0]);
        // Marked, and said in the heading; first on its week's page too.
        var (_, home) = await HtmlPages.GetAsync(reader, "/");
        Assert.Equal(["Pinned by the curators"], home.QuerySelectorAll(".pin-badge").Select(b => b.TextContent).ToList());
        Assert.Contains("pinned first, then most upvoted", home.QuerySelector(".day-count")!.TextContent, StringComparison.Ordinal);
        var week = home.QuerySelectorAll(".period-tabs a")[1].GetAttribute("href")!;
        Assert.Equal(last, (await CardIdsAsync(reader, "/" + week))[0]);
        await PressAsync(admin, last, "unpin");
        var (_, unpinned) = await HtmlPages.GetAsync(reader, "/");
        Assert.Empty(unpinned.QuerySelectorAll(".pin-badge"));
        Assert.Equal(day, await CardIdsAsync(reader, "/"));
        Assert.Equal(["paper.pin", "paper.unpin"], await Sql.StringsAsync(app.Database.ConnectionString,
            $"SELECT action FROM audit_entries WHERE subject = 'paper {last}' ORDER BY id"));
    }

    [Fact]
    public async Task ABogusPaperOrActionChangesNothingAndSaysSo()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var response = await AdminSession.SubmitAsync(admin, "/admin/papers", "tbody form", ("Command.Paper", "9999.99999"), ("Command.Action", "hide"));

        Assert.Contains("That is not a paper and action this page offers", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM papers WHERE hidden_at IS NOT NULL"));
    }

    [Fact]
    public async Task AnEditedTitleIsShownEscapedSurvivesARescrapeAndRevertsToTheSourcesValue()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var reader = app.Factory.CreateClient();
        var id = (await CardIdsAsync(reader, "/"))[1];
        var (_, before) = await HtmlPages.GetAsync(reader, "/papers/" + id);
        var original = before.QuerySelector("h1")!.TextContent.Trim();
        const string edited = "Corrected <script>alert(1)</script> title";

        var saved = await AdminSession.SubmitAsync(admin, "/admin/papers/" + id, "form.paper-edit", ("Input.Title", edited));

        Assert.Contains("Saved; the public pages show it now.", await saved.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var (_, after) = await HtmlPages.GetAsync(reader, "/papers/" + id);
        Assert.Equal(edited, after.QuerySelector("h1")!.TextContent.Trim());
        Assert.Empty(after.QuerySelectorAll("h1 script"));
        Assert.Contains(id, await CardIdsAsync(reader, "/search?q=corrected"));

        // The sources describe the paper again (the sample is re-imported): the edit stays, the source's title is kept beside it.
        await Sql.ExecuteAsync(app.Database.ConnectionString, $"UPDATE paper_edits SET source_value = 'stale' WHERE arxiv_id = '{id}'");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SampleListingImporter>().ImportAsync(Cancel);
        Assert.Equal(edited, await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT title FROM papers WHERE arxiv_id = '{id}'"));
        Assert.Equal(original, await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT source_value FROM paper_edits WHERE arxiv_id = '{id}'"));

        await AdminSession.SubmitAsync(admin, "/admin/papers/" + id, "form.paper-revert");

        var (_, reverted) = await HtmlPages.GetAsync(reader, "/papers/" + id);
        Assert.Equal(original, reverted.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["paper.edit|" + original + "|" + edited, "paper.revert|" + edited + "|" + original], await Sql.StringsAsync(app.Database.ConnectionString,
            $"SELECT action || '|' || before || '|' || after FROM audit_entries WHERE subject = 'paper {id} Title' ORDER BY id"));
    }

    [Theory]
    [InlineData("Input.Title", "", "A paper needs a title")]
    [InlineData("Input.GithubUrl", "javascript:alert(1)", "The GithubUrl must be a full http or https address")]
    public async Task AnInvalidEditIsRefusedInOneSentenceAndChangesNothing(string field, string value, string message)
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var id = (await CardIdsAsync(app.Factory.CreateClient(), "/"))[2];

        var response = await AdminSession.SubmitAsync(admin, "/admin/papers/" + id, "form.paper-edit", (field, value));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(app.Database.ConnectionString, $"SELECT count(*) FROM paper_edits WHERE arxiv_id = '{id}'"));
    }
}
