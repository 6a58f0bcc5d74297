using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Ingestion;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>Merging two records of one paper from its admin page, checked on the public pages and through a re-scrape.</summary>
public sealed class PaperMergeTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    // Each test changes what the others read (hidden, pinned, edited, merged, tagged or cached papers), so each starts
    // from the sample alone.
    public async ValueTask InitializeAsync() => await app.ResetToSampleAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Db => app.Database.ConnectionString;

    [Fact]
    public async Task AMergedRecordHandsItsListingsAndTagsToTheKeptOneAndItsIdLeadsThereEvenAfterARescrape()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var (duplicate, kept) = (await Sql.StringsAsync(Db, "SELECT arxiv_id FROM papers ORDER BY arxiv_id LIMIT 2")) switch { var ids => (ids[0], ids[1]) };
        var listingDays = await Sql.StringsAsync(Db, $"SELECT DISTINCT source || day FROM listings WHERE arxiv_id IN ('{duplicate}', '{kept}') ORDER BY 1");
        await Sql.ExecuteAsync(Db, $"""
            INSERT INTO tags (slug, name) VALUES ('only-on-the-duplicate', 'Only on the duplicate');
            INSERT INTO paper_tags (arxiv_id, tag_id, origin) SELECT '{duplicate}', id, 'Curator' FROM tags WHERE slug = 'only-on-the-duplicate';
            """);

        var merged = await AdminSession.SubmitAsync(admin, "/admin/papers/" + duplicate, "form.paper-merge", ("Merge.Into", "arXiv:" + kept), ("Merge.Confirmed", "true"));

        Assert.Equal($"/admin/papers/{kept}", merged.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains($"{duplicate} was merged into this paper.", await merged.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var reader = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var old = await reader.GetAsync(new Uri("/papers/" + duplicate, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Found, old.StatusCode);
        Assert.EndsWith("/papers/" + kept, old.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var oldInApi = await reader.GetAsync(new Uri("/api/papers/" + duplicate, UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.MovedPermanently, oldInApi.StatusCode);
        Assert.Equal("/api/papers/" + kept, oldInApi.Headers.Location!.OriginalString);
        Assert.Equal(listingDays, await Sql.StringsAsync(Db, $"SELECT DISTINCT source || day FROM listings WHERE arxiv_id = '{kept}' ORDER BY 1"));
        var (_, keptPage) = await HtmlPages.GetAsync(reader, "/papers/" + kept);
        Assert.Contains("Only on the duplicate", keptPage.QuerySelector("ul.paper-tags")!.TextContent, StringComparison.Ordinal);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SampleListingImporter>().ImportAsync(Cancel);
        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, $"SELECT count(*) FROM papers WHERE arxiv_id = '{duplicate}'"));
        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM ingestion_runs WHERE status = 'Failed'"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(Db, $"SELECT count(*) FROM audit_entries WHERE action = 'paper.merge' AND after = 'merged into {kept}'"));
    }

    [Theory]
    [InlineData("same", "A paper cannot be merged into itself")]
    [InlineData("9999.99999", "There is no paper 9999.99999")]
    [InlineData("not an id", "Give the arXiv id of the paper to keep")]
    public async Task AnImpossibleMergeIsRefusedInOneSentence(string into, string message)
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        var paper = (await Sql.StringsAsync(Db, "SELECT arxiv_id FROM papers ORDER BY arxiv_id DESC LIMIT 1"))[0];
        var before = await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM papers");

        var response = await AdminSession.SubmitAsync(admin, "/admin/papers/" + paper, "form.paper-merge", ("Merge.Into", into == "same" ? paper : into), ("Merge.Confirmed", "true"));

        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(before, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM papers"));
    }
}
