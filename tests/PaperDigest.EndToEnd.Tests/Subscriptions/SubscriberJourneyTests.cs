using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.EndToEnd.Tests.Subscriptions;

/// <summary>A reader subscribes in a real browser, confirms from the received mail, gets a digest, and leaves with one click.</summary>
public sealed partial class SubscriberJourneyTests(RunningMailApp app, ChromiumBrowser chromium) : IClassFixture<RunningMailApp>
{
    private const string Reader = "reader@example.com";

    private async Task<DigestRun> SendDailyAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, TestContext.Current.CancellationToken);
    }

    // Links in mail point at Site:BaseUrl; the test follows them on the address the app really listens on.
    private Uri OnApp(string link) => new(app.BaseAddress, new Uri(link).PathAndQuery.TrimStart('/'));

    [Fact]
    public async Task SubscribeConfirmReceiveADigestUnsubscribeInOneClickThenNothingMore()
    {
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(app.BaseAddress.AbsoluteUri);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Email", Exact = true }).FillAsync(Reader);
        await page.GetByRole(AriaRole.Button, new() { Name = "Subscribe", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/subscribe?sent=true", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Check your inbox");

        var confirmation = await app.Smtp.WaitForAsync(Reader);
        await page.GotoAsync(OnApp(ConfirmLink().Match(confirmation.TextBody ?? "").Value).AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my subscription" }).ClickAsync();
        await page.WaitForURLAsync("**/subscribe?confirmed=true", new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("You are subscribed");

        var first = await SendDailyAsync();
        var digest = await app.Smtp.WaitForAsync(Reader, m => m.Subject?.StartsWith("PaperDigest daily", StringComparison.Ordinal) == true);
        Assert.Equal(1, first.Sent);
        Assert.Equal("PaperDigest daily: 10 papers from 21 August 2026", digest.Subject);
        Assert.Equal(10, PaperLink().Matches(digest.TextBody ?? "").Select(m => m.Value).Distinct().Count());
        Assert.Contains("EnvHarness", digest.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);
        Assert.NotNull(digest.Headers["List-Id"]);

        // What a mail program does for "Unsubscribe": a POST with no cookie and no form token.
        using var mailProgram = new HttpClient();
        var unsubscribe = UnsubscribeLink().Match(digest.Headers["List-Unsubscribe"] ?? "").Groups[1].Value;
        var oneClick = await mailProgram.PostAsync(OnApp(unsubscribe),
            new FormUrlEncodedContent([KeyValuePair.Create("List-Unsubscribe", "One-Click")]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);

        // A new day is listed; the next run sends the unsubscribed reader nothing.
        await Sql.InsertPaperAsync(app.Database.ConnectionString, "2608.29999", "Published after the reader left");
        await Sql.ExecuteAsync(app.Database.ConnectionString,
            "INSERT INTO listings (arxiv_id, source, day, rank, kind) VALUES ('2608.29999', 'huggingface', '2026-08-22', 1, 'New')");
        var next = await SendDailyAsync();

        Assert.Equal((0, 0), (next.Sent, next.Deferred));
        Assert.Equal(2, app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == Reader)));
    }

    [GeneratedRegex(@"https://paperdigest\.test/subscription/confirm/\S+")]
    private static partial Regex ConfirmLink();

    [GeneratedRegex(@"papers/\d{4}\.\d{5}")]
    private static partial Regex PaperLink();

    [GeneratedRegex("<(https[^>]+)>")]
    private static partial Regex UnsubscribeLink();
}
