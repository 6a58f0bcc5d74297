using Microsoft.Playwright;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Admin;

/// <summary>
/// Every admin page at a laptop's width (1280 px) and a phone's (390 px), with the long values that made pages
/// overflow before: a 400-character source error, a long address, long audit values. No page may be wider than the
/// window; on a phone, tables become stacked cards.
/// </summary>
public sealed class ConsoleLayoutTests(RunningApp app, ChromiumBrowser chromium) : IClassFixture<RunningApp>
{
    private static readonly string LongError =
        "The request to https://huggingface.co/api/daily_papers?date=2026-08-10&limit=100&p=0&sort=trending_papers_of_the_day_with_many_parameters failed: " +
        string.Join(' ', Enumerable.Repeat("connection refused (Name or service not known) while resolving huggingface.co", 4));

    // Both tests of the class share its app, so the values are added once.
    private async Task AddLongValuesAsync()
    {
        var db = app.Database.ConnectionString;
        if (await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM subscribers WHERE email LIKE 'someone.with.an.exceptionally%'") > 0)
            return;
        await Sql.ExecuteAsync(db, $"""
            INSERT INTO ingestion_runs (source, origin, started_at, finished_at, status, new_count, updated_count, unchanged_count, rejected_count, error)
            VALUES ('huggingface', 'https://huggingface.co/api/daily_papers?date=2026-08-10&with=a-long-query-string-that-never-breaks-anywhere-at-all',
                    now(), now(), 'Failed', 0, 0, 0, 0, '{LongError}');
            INSERT INTO source_health (source, consecutive_failures, last_attempt_at, last_error, disabled)
            VALUES ('huggingface', 1, now(), '{LongError}', false)
            ON CONFLICT (source) DO UPDATE SET last_error = excluded.last_error;
            INSERT INTO audit_entries (at, actor, action, subject, before, after)
            VALUES (now(), 'a-curator-with-a-rather-long-address@departmental-mail.example.org', 'paper.edit', 'paper 2408.00001 Title',
                    repeat('An old title that went on and on without an end ', 6), repeat('ANewTitleWithoutAnySpacesThatCouldBreak', 5));
            """);
        await Sql.InsertSubscriberAsync(db, "someone.with.an.exceptionally.long.local.part.for.testing@a-very-long-subdomain.example.org");
    }

    private async Task<string[]> AdminPathsAsync(IPage page)
    {
        await page.GotoAsync(new Uri(app.BaseAddress, "admin/papers").AbsoluteUri);
        var paper = (await page.Locator("a[href^='admin/papers/']").First.GetAttributeAsync("href"))!;
        var subscriber = (await Sql.StringsAsync(app.Database.ConnectionString, "SELECT id::text FROM subscribers ORDER BY id LIMIT 1"))[0];
        return ["admin", "admin/papers", paper, "admin/subscribers", $"admin/subscribers/{subscriber}", "admin/digests", "admin/tags",
            "admin/tags/rules", "admin/sources", "admin/jobs", "admin/audit"];
    }

    // Opens each page at a laptop's width, then each at a phone's, and looks at it.
    private async Task AtEachWidthAsync(IPage page, string[] paths, Func<string, int, Task> look)
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            foreach (var path in paths)
            {
                await page.GotoAsync(new Uri(app.BaseAddress, path).AbsoluteUri);
                await look(path, width);
            }
        }
    }

    [Fact]
    public async Task NoAdminPageIsWiderThanALaptopOrAPhoneAndTablesBecomeCardsOnAPhone()
    {
        await AddLongValuesAsync();
        var page = await AdminBrowser.SignedInPageAsync(app, chromium);
        var paths = await AdminPathsAsync(page);

        var tooWide = new List<string>();
        await AtEachWidthAsync(page, paths, async (path, width) =>
        {
            var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            if (pageWidth > width)
                tooWide.Add($"{path} is {pageWidth} px wide at {width} px");
        });

        Assert.Empty(tooWide);
        await page.GotoAsync(new Uri(app.BaseAddress, "admin/sources").AbsoluteUri);
        Assert.Equal("block", await page.Locator(".admin-table td").First.EvaluateAsync<string>("cell => getComputedStyle(cell).display"));
        // The whole error is still there for whoever reads it, once in the health panel and once in the runs table.
        Assert.Equal(2, await page.GetByText(LongError, new() { Exact = true }).CountAsync());
    }

    [Fact]
    public async Task AxeFindsNothingSeriousOnAnyAdminPageAtEitherWidth()
    {
        await AddLongValuesAsync();
        var axe = OutsideTools.AxeScript;
        var page = await AdminBrowser.SignedInPageAsync(app, chromium, bypassCsp: true);
        var paths = await AdminPathsAsync(page);

        var found = new List<string>();
        await AtEachWidthAsync(page, paths, async (path, width) =>
        {
            await page.AddScriptTagAsync(new() { Path = axe });
            var violations = await page.EvaluateAsync<string[]>("""
                async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)
                """);
            found.AddRange(violations.Select(v => $"{path} at {width} px: {v}"));
        });

        Assert.Empty(found);
        // The checker is awake: an image without a text alternative, put on the last page, is reported as critical.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"favicon.png\">')");
        Assert.Contains("image-alt", await page.EvaluateAsync<string[]>(
            "async () => (await axe.run(document)).violations.filter(v => v.impact === 'critical').map(v => v.id)"));
    }
}
