using Microsoft.Playwright;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Admin;

/// <summary>
/// A curator uses every feature of the console, at a laptop's width and at a phone's, in a real browser: finding,
/// sorting, bulk tagging, hiding and pinning papers; creating, merging and deleting tags; previewing, creating and
/// applying a rule in the background; running a source; pausing a job; sending a test digest; filtering subscribers and
/// the audit log. After every step the page must still fit the window.
/// </summary>
public sealed class ConsoleFeaturesTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    private IPage page = null!;
    private int width;
    private readonly List<string> tooWide = [];

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public async Task ACuratorUsesEveryFeatureAndNoPageIsWiderThanTheWindow(int viewportWidth)
    {
        width = viewportWidth;
        page = await AdminBrowser.SignedInPageAsync(app, chromium);
        await page.SetViewportSizeAsync(width, 900);
        // Both widths share the app, so each names its own tags.
        var bus = $"Read on the bus {width}";
        var train = $"Read on the train {width}";

        await OpenAsync("admin/tags");
        foreach (var name in new[] { bus, train })
        {
            await page.GetByLabel("New tag").FillAsync(name);
            await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
            await NoticeAsync("Tag created.");
        }

        await OpenAsync("admin/papers");
        await page.GetByLabel("arXiv id, address or words").FillAsync("agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator(".list-summary")).ToContainTextAsync("page 1 of");
        await page.GetByRole(AriaRole.Link, new() { Name = "upvotes", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".list-summary [aria-current]")).ToHaveTextAsync("upvotes");
        await FitsAsync("papers found and sorted");
        var boxes = page.Locator("tbody input[name='Bulk.Papers']");
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = bus });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the tag to the selected" }).ClickAsync();
        await NoticeAsync("2 papers tagged.");
        Assert.Equal(bus, await page.Locator("#bulk-tag option:checked").TextContentAsync());
        Assert.Equal("upvotes", await page.Locator(".list-summary [aria-current]").TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide", Exact = true }).First.ClickAsync();
        await NoticeAsync("is hidden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unhide", Exact = true }).First.ClickAsync();
        await NoticeAsync("is shown again");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pin to" }).First.ClickAsync();
        await NoticeAsync("is pinned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unpin", Exact = true }).First.ClickAsync();
        await NoticeAsync("is no longer pinned");

        await OpenAsync("admin/tags");
        var busRow = page.Locator($"tr[data-tag='read-on-the-bus-{width}']");
        await busRow.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = train });
        await busRow.Locator("form.tag-merge input[type=checkbox]").CheckAsync();
        await busRow.GetByRole(AriaRole.Button, new() { Name = "Merge" }).ClickAsync();
        await NoticeAsync("Tags merged");
        await Assertions.Expect(page.Locator($"tr[data-tag='read-on-the-train-{width}'] td[data-label='Papers']")).ToHaveTextAsync("2");

        await OpenAsync("admin/tags/rules");
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = train });
        await page.GetByLabel("Pattern").FillAsync("agent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator(".rule-preview")).ToContainTextAsync("stored papers match");
        await FitsAsync("rule previewed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await NoticeAsync("Rule");
        var ruleRow = page.Locator("tr[data-rule]", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = train }) });
        await ruleRow.Locator("input[type=checkbox]").CheckAsync();
        await ruleRow.GetByRole(AriaRole.Button, new() { Name = "Apply to stored papers" }).ClickAsync();
        await NoticeAsync("in the background");
        await Assertions.Expect(ruleRow.Locator(".task-progress")).ToContainTextAsync("finished", new() { Timeout = 30_000 });
        await FitsAsync("rule applied");

        await OpenAsync("admin/tags");
        var trainRow = page.Locator($"tr[data-tag='read-on-the-train-{width}']");
        await trainRow.Locator("form.tag-delete input[type=checkbox]").CheckAsync();
        await trainRow.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await NoticeAsync("Tag deleted.");

        await OpenAsync("admin/sources");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).First.ClickAsync();
        await NoticeAsync("is being run");
        // There is no internet here, so the run fails; the page follows it until it ends and says so.
        await Assertions.Expect(page.Locator(".source-progress")).ToContainTextAsync(
            new System.Text.RegularExpressions.Regex("failed|finished"), new() { Timeout = 60_000 });
        await FitsAsync("source run ended");

        await OpenAsync("admin/jobs");
        var pruneRow = page.Locator("tr[data-job='PruneLinkTokensJob']");
        await pruneRow.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await NoticeAsync("is paused");
        await Assertions.Expect(pruneRow.Locator("td[data-label='Next run']")).ToHaveTextAsync("paused");
        await pruneRow.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await NoticeAsync("runs on its schedule again");

        await OpenAsync("admin/digests");
        await page.GetByLabel("Address").FillAsync($"curator-{width}@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the latest edition there" }).ClickAsync();
        await NoticeAsync($"A test digest for curator-{width}@example.org");

        await Sql.InsertSubscriberAsync(app.Database.ConnectionString, $"reader-{width}@example.org");
        await OpenAsync("admin/subscribers");
        await page.GetByLabel("Address contains").FillAsync($"reader-{width}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"reader-{width}@example.org" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"reader-{width}@example.org");
        await FitsAsync("a subscriber");

        await OpenAsync("admin/audit");
        await page.GetByLabel("Contains").FillAsync(bus);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        // Created, given to two papers, merged away: each row names the tag, and its subject links to where it is curated.
        await Assertions.Expect(page.Locator(".admin-table tbody tr")).ToHaveCountAsync(4);
        await FitsAsync("the audit log filtered");

        Assert.Empty(tooWide);
    }

    private async Task OpenAsync(string path)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, path).AbsoluteUri);
        await FitsAsync(path);
    }

    // Every action answers with a redirect back and its notice; the page it lands on must fit too.
    private async Task NoticeAsync(string text)
    {
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync(text);
        await FitsAsync($"after “{text}”");
    }

    private async Task FitsAsync(string step)
    {
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (pageWidth > width)
            tooWide.Add($"{step}: {pageWidth} px wide at {width} px");
    }
}
