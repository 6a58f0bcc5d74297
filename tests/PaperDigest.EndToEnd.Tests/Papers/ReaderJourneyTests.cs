using Microsoft.Playwright;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Papers;

/// <summary>What a reader does with the pages in a real browser: walk the periods, search as they type, read math.</summary>
public sealed class ReaderJourneyTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    [Fact]
    public async Task AReaderWalksFromADayToItsWeekMonthAPaperASearchAndATag()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "papers/date/2026-08-18").AbsoluteUri);

        await page.GetByRole(AriaRole.Link, new() { Name = "Weekly", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/papers/week/2026-W34", new() { WaitUntil = WaitUntilState.Commit });
        await page.GetByRole(AriaRole.Link, new() { Name = "Monthly", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/papers/month/2026-08", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("August 2026");

        await page.Locator("article.paper-card .paper-title a", new() { HasText = "EnvHarness" }).ClickAsync();
        await page.WaitForURLAsync("**/papers/2608.19880", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("EnvHarness: Awakening Static Worlds for Agent Learning");

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search papers" }).FillAsync("reinforcement learning");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync("**/search?q=reinforcement+learning", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator(".search-results li").First).ToBeVisibleAsync();

        await page.Locator(".search-results .card-tags a", new() { HasText = "Agents" }).First.ClickAsync();
        await page.WaitForURLAsync("**/tags/agents", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Agents");
    }

    [Fact]
    public async Task ResultsFollowTheQueryAsItIsTypedWithoutSubmitting()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "search").AbsoluteUri);

        await page.Locator("#q").PressSequentiallyAsync("EnvHarness", new() { Delay = 30 });

        await Assertions.Expect(page.Locator(".search-results .paper-title a").First).ToHaveTextAsync("EnvHarness: Awakening Static Worlds for Agent Learning");
        await page.WaitForURLAsync("**/search?q=EnvHarness*", new() { WaitUntil = WaitUntilState.Commit });
        // The box keeps the focus and what was typed: only the results region was replaced.
        Assert.Equal("EnvHarness", await page.Locator("#q").InputValueAsync());
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
    }

    [Fact]
    public async Task LatexInAnAbstractIsRenderedByTheLocallyServedKatex()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.07001", "Bounds with math",
            @"We prove $\alpha^2 + \beta^2 \le 1$ for all inputs.", "A. Author");
        var page = await chromium.NewPageAsync();
        var offSite = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseAddress.AbsoluteUri, StringComparison.Ordinal))
                offSite.Add(request.Url);
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "papers/2601.07001").AbsoluteUri);

        await Assertions.Expect(page.Locator(".abstract .katex")).ToHaveCountAsync(1);
        Assert.Contains("α", await page.Locator(".abstract .katex-mathml").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(offSite);
    }

    [Fact]
    public async Task PagesWithoutMathLoadNeitherKatexNorBlazorsScript()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.07003", "Plain words",
            @"Accuracy rose to 97.3\% of the requested identities -- a record~result.", "A. Author");
        var page = await chromium.NewPageAsync();
        var scripts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "script" or "stylesheet")
                scripts.Add(request.Url);
        };

        await page.GotoAsync(new Uri(app.BaseAddress, "papers/2601.07003").AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.GotoAsync(app.BaseAddress.AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.DoesNotContain(scripts, url => url.Contains("katex", StringComparison.Ordinal) || url.Contains("blazor", StringComparison.Ordinal));
        Assert.Contains(scripts, url => url.Contains("theme", StringComparison.Ordinal));
        // Nothing moves focus to the heading (and draws a ring round it) on load; keyboard users start at the skip link.
        Assert.Equal("BODY", await page.EvaluateAsync<string>("document.activeElement.tagName"));
    }

    [Fact]
    public async Task AScrapedTitleWithAScriptTagIsShownAsText()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2601.07002", "<script>window.pwned = true</script>Hostile title",
            "<img src=x onerror=\"window.pwned = true\">", "<b>Mallory</b>");
        var page = await chromium.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "papers/2601.07002").AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("<script>window.pwned = true</script>Hostile title");
        Assert.False(await page.EvaluateAsync<bool>("window.pwned === true"));
        Assert.Equal(0, await page.Locator("main script, main img[src=x]").CountAsync());
    }

    [Fact]
    public async Task TheThemeToggleSwitchesAndIsRememberedAcrossPages()
    {
        var page = await chromium.NewPageAsync();
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        var toggle = page.Locator("#theme-toggle");
        var background = () => page.EvaluateAsync<string>("getComputedStyle(document.body.parentElement).backgroundColor");
        var lightBackground = await background();

        await toggle.ClickAsync(); // system → light
        await toggle.ClickAsync(); // light → dark
        await Assertions.Expect(toggle).ToHaveTextAsync("Theme: dark");
        var darkBackground = await background();
        await page.GotoAsync(new Uri(app.BaseAddress, "papers/trending").AbsoluteUri);

        Assert.Equal("rgb(255, 255, 255)", lightBackground);
        Assert.Equal("rgb(18, 20, 24)", darkBackground);
        Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
        Assert.Equal("rgb(18, 20, 24)", await background());
    }
}
