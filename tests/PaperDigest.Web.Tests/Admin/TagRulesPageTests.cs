using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Admin;

/// <summary>/admin/tags/rules: preview, create, apply to stored papers and delete, on the sample's real papers.</summary>
public sealed class TagRulesPageTests(WebAppFixture app) : IClassFixture<WebAppFixture>, IAsyncLifetime
{
    // Each test changes what the others read (hidden, pinned, edited, merged, tagged or cached papers), so each starts
    // from the sample alone.
    public async ValueTask InitializeAsync() => await app.ResetToSampleAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Db => app.Database.ConnectionString;

    private static async Task<string> TagIdAsync(HttpClient admin, string slug)
    {
        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/tags");
        return page.QuerySelector($"tr[data-tag='{slug}'] input[name='Change.Tag']")!.GetAttribute("value")!;
    }

    private static Task<HttpResponseMessage> NewRuleAsync(HttpClient admin, string action, string tagId, string kind, string field, string pattern) =>
        AdminSession.SubmitAsync(admin, "/admin/tags/rules", "form.rule-new",
            ("New.Tag", tagId), ("New.Kind", kind), ("New.Field", field), ("New.Pattern", pattern), ("New.Action", action));

    [Fact]
    public async Task ARulePreviewedCreatedAndAppliedTagsTheStoredPapersItMatches()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "Benchmarks"));
        var tag = await TagIdAsync(admin, "benchmarks");
        var expected = await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM papers WHERE title ~* '\\mbenchmark'");
        Assert.True(expected > 0, "The sample should have papers with 'benchmark' in the title.");

        var preview = await NewRuleAsync(admin, "preview", tag, "Regex", "Title", @"\bbenchmark");
        var (_, previewPage) = await HtmlPages.GetAsync(admin, "/admin/tags/rules");
        var stored = await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM papers");
        Assert.Contains($"{expected} of the {stored} stored papers match", await preview.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        // A preview saves nothing.
        Assert.DoesNotContain(previewPage.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("benchmark", StringComparison.Ordinal));

        await NewRuleAsync(admin, "create", tag, "Regex", "Title", @"\bbenchmark");
        var rule = await Sql.ScalarAsync<int>(Db, "SELECT id FROM tag_rules WHERE pattern = '\\bbenchmark'");
        var applied = await AdminSession.SubmitAsync(admin, "/admin/tags/rules", $"tr[data-rule='{rule}'] form", ("Existing.Action", "apply"), ("Existing.Confirmed", "true"));

        // Applying runs in the background; the page follows it. The preview's count is the count applying finds: both
        // go through every stored paper.
        Assert.Contains("The rule is being applied to every stored paper in the background", await applied.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string progress;
        do
        {
            await Task.Delay(200, Cancel);
            var (_, page) = await HtmlPages.GetAsync(admin, "/admin/tags/rules");
            progress = page.QuerySelector($"tr[data-rule='{rule}'] .task-progress")!.TextContent;
            Assert.True(DateTime.UtcNow < deadline, "Applying the rule did not end within 60 s: " + progress);
        }
        while (!progress.Contains("finished", StringComparison.Ordinal));
        Assert.Contains($"Matched {expected} stored paper{(expected == 1 ? "" : "s")} and tagged {expected} more paper{(expected == 1 ? "" : "s")}",
            progress, StringComparison.Ordinal);
        var (_, tagPage) = await HtmlPages.GetAsync(app.Factory.CreateClient(), "/tags/benchmarks");
        Assert.Equal(expected, tagPage.QuerySelectorAll(".paper-card").Length);
        Assert.Equal(["tag-rule.create", "tag-rule.apply"], await Sql.StringsAsync(Db,
            "SELECT action FROM audit_entries WHERE subject LIKE 'tag benchmarks (#%, Benchmarks)' AND action LIKE 'tag-rule.%' ORDER BY id"));

        await AdminSession.SubmitAsync(admin, "/admin/tags/rules", $"tr[data-rule='{rule}'] form", ("Existing.Action", "delete"), ("Existing.Confirmed", "true"));
        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, $"SELECT count(*) FROM tag_rules WHERE id = {rule}"));
        Assert.Equal(1, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM audit_entries WHERE action = 'tag-rule.delete' AND subject LIKE 'tag benchmarks (#%'"));
    }

    [Fact]
    public async Task TheBuiltInRulesAreListedAsRulesLikeAnyOther()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/tags/rules");

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("arXiv category: cs.CL", StringComparison.Ordinal) && r.Contains("built-in", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Words in the title: robot", StringComparison.Ordinal));
        Assert.DoesNotContain(page.QuerySelectorAll("option"), option => option.TextContent == nameof(PaperDigest.Core.Tags.TagRuleField.TitleOrAbstract));
    }

    [Fact]
    public async Task ARuleOfWordsLeftToLookInTheDefaultPlaceLooksInTheTitleOrAbstractAsItsLabelSays()
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);
        await AdminSession.SubmitAsync(admin, "/admin/tags", "main form", ("Create.Name", "Agents in abstracts"));
        var tag = await TagIdAsync(admin, "agents-in-abstracts");

        // The "In" menu left as the page offers it, as a curator would.
        await AdminSession.SubmitAsync(admin, "/admin/tags/rules", "form.rule-new",
            ("New.Tag", tag), ("New.Kind", "Keyword"), ("New.Pattern", "self-driving laboratory"), ("New.Action", "create"));

        Assert.Equal("TitleOrAbstract", await Sql.ScalarAsync<string>(Db, "SELECT field FROM tag_rules WHERE pattern = 'self-driving laboratory'"));
        var (_, page) = await HtmlPages.GetAsync(admin, "/admin/tags/rules");
        Assert.Contains(page.QuerySelectorAll("tbody tr"), r => r.TextContent.Contains("Words in the title or abstract: self-driving laboratory", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Regex", "(unclosed", "That is not a valid regular expression")]
    [InlineData("Keyword", "", "A rule needs something to match.")]
    [InlineData("Telepathy", "x", "Choose what the rule matches")]
    public async Task AnUnusableRuleIsRefusedInOneSentence(string kind, string pattern, string message)
    {
        var admin = await AdminSession.SignedInClientAsync(app.Factory);

        var response = await NewRuleAsync(admin, "create", await TagIdAsync(admin, "agents"), kind, "Title", pattern);

        Assert.Contains(message, await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(0, await Sql.ScalarAsync<long>(Db, "SELECT count(*) FROM tag_rules WHERE created_by <> 'built-in'"));
    }
}
