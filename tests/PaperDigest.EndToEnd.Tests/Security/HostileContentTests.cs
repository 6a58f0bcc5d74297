using Microsoft.Playwright;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Security;

/// <summary>
/// A source that sends script in every field it fills: in a real browser, on every page that shows the paper, it is
/// text and nothing runs.
/// </summary>
public sealed class HostileContentTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    private const string Id = "2608.99999";
    private const string Payload = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";

    private async Task InsertHostilePaperAsync()
    {
        await Sql.InsertPaperAsync(app.Database.ConnectionString, Id, "Hostile " + Payload, "Abstract " + Payload + " $x$ \\(<img src=y onerror=alert(2)>\\)",
            "Author " + Payload);
        await Sql.ExecuteAsync(app.Database.ConnectionString, $"""
            UPDATE papers SET organization_name = 'Org ' || '{Payload.Replace("'", "''", StringComparison.Ordinal)}',
                ai_summary = 'Summary ' || '{Payload.Replace("'", "''", StringComparison.Ordinal)}',
                ai_keywords = ARRAY['keyword ' || '{Payload.Replace("'", "''", StringComparison.Ordinal)}'],
                github_url = 'javascript:window.__pwned=1', project_url = 'javascript:window.__pwned=1', upvotes = 100000
            WHERE arxiv_id = '{Id}';
            INSERT INTO listings (arxiv_id, source, day, rank, kind) SELECT '{Id}', 'huggingface', max(day), 1, 'New' FROM listings;
            """);
    }

    [Fact]
    public async Task ScriptInEveryScrapedFieldStaysTextOnEveryPageThatShowsIt()
    {
        await InsertHostilePaperAsync();
        var page = await chromium.NewPageAsync();
        var dialogs = 0;
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        foreach (var path in new[] { "", $"papers/{Id}", "search?q=hostile", "papers/trending" })
        {
            await page.GotoAsync(new Uri(app.BaseAddress, path).AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });

            Assert.Null(await page.EvaluateAsync<int?>("window.__pwned"));
            Assert.Equal(0, await page.Locator("main img[src='x'], main img[src='y'], main script").CountAsync());
            Assert.Equal(0, await page.Locator("a[href^='javascript:']").CountAsync());
        }
        await Assertions.Expect(page.Locator("h1").First).Not.ToBeEmptyAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, $"papers/{Id}").AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("<script>window.__pwned=1</script>");
        Assert.Equal(0, dialogs);
    }
}
