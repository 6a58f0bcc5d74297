using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaperDigest.Core.Ingestion;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Arxiv;

/// <summary>A reader goes from the header to an arXiv category's day, opens a cross-listed paper and comes back.</summary>
public sealed class ArxivBrowsingTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task AReaderWalksFromACategoryDayToAPaperAndBackToThatDay()
    {
        await using (var scope = app.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SavedFileImporter>()
                .ImportAsync([SourceFixtures.PathOf("arxiv/listing/astro-ph-pastweek-2024-11-23.html")], date: null, TestContext.Current.CancellationToken);
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Site" }).GetByRole(AriaRole.Link, new() { Name = "arXiv" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("arXiv categories");
        await page.GetByRole(AriaRole.Link, new() { Name = "Astrophysics", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Astrophysics Friday, 22 November 2024");
        await page.Locator("a[rel=prev]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Astrophysics Thursday, 21 November 2024");

        var crossListed = page.Locator("ol.paper-list > li:has(.listing-kind) .paper-title a").First;
        var title = (await crossListed.TextContentAsync())!.Trim();
        await crossListed.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await page.GetByRole(AriaRole.Link, new() { Name = "Astrophysics (astro-ph), Thursday, 21 November 2024" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Astrophysics Thursday, 21 November 2024");
        await Assertions.Expect(page.Locator("ol.paper-list .paper-title a", new() { HasTextString = title })).ToHaveCountAsync(1);
    }
}
