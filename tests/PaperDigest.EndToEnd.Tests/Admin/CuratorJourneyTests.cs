using Microsoft.Playwright;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Admin;

/// <summary>A curator signs in in a real browser, hides a paper and brings it back, and corrects a title.</summary>
public sealed class CuratorJourneyTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    private Task<IPage> SignedInPageAsync() => AdminBrowser.SignedInPageAsync(app, chromium);

    [Fact]
    public async Task ACuratorHidesAPaperFromTheHomePageAndBringsItBack()
    {
        var page = await SignedInPageAsync();
        var reader = await chromium.NewPageAsync();
        await reader.GotoAsync(app.BaseAddress.AbsoluteUri);
        var top = (await reader.Locator("article.paper-card .paper-title a").First.GetAttributeAsync("href"))!["papers/".Length..];

        await page.GetByLabel("arXiv id, address or words").FillAsync(top);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hide", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"{top} is hidden");

        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator($"article.paper-card a[href='papers/{top}']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Unhide", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync($"{top} is shown again");
        await reader.ReloadAsync();
        await Assertions.Expect(reader.Locator("article.paper-card .paper-title a").First).ToHaveAttributeAsync("href", $"papers/{top}");
    }

    [Fact]
    public async Task ACuratorCorrectsATitleAndReadersSeeItAsText()
    {
        var page = await SignedInPageAsync();
        var edit = page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).First;
        var arxivId = (await edit.GetAttributeAsync("href"))!["admin/papers/".Length..];
        await edit.ClickAsync();
        // Enhanced navigation changes the URL before it patches the page, so wait for the edit page's heading.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Edit {arxivId}");

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("<img src=x onerror=alert(1)> A corrected title");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Saved");

        var reader = await chromium.NewPageAsync();
        var dialogs = 0;
        reader.Dialog += (_, _) => dialogs++;
        await reader.GotoAsync(new Uri(app.BaseAddress, "papers/" + arxivId).AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(reader.Locator("h1")).ToHaveTextAsync("<img src=x onerror=alert(1)> A corrected title");
        await Assertions.Expect(reader.Locator("h1 img")).ToHaveCountAsync(0);
        Assert.Equal(0, dialogs);
    }
}
