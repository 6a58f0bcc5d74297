using Npgsql;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;
using PaperDigest.Web.Tests.Admin;

namespace PaperDigest.Web.Tests.Standards;

/// <summary>Every kind of page, public, private and admin, as the Nu HTML checker (the W3C's validator) judges it.</summary>
public sealed class NuHtmlCheckerTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static readonly string[] PublicPages =
    [
        "/", "/papers/date/2026-08-21", "/papers/week/2026-W34", "/papers/month/2026-08", "/papers/trending",
        "/papers/2608.19880", "/search?q=agent", "/search?q=zzzzqqq", "/tags", "/tags/agents", "/subscribe",
        "/subscribe?sent=true", "/digest/preview", "/digests", "/admin/signin", "/no-such-page",
    ];

    [Fact]
    public async Task TheNuCheckerFindsNoErrorOnAnyKindOfPage()
    {
        var client = app.Factory.CreateClient();
        var pages = new Dictionary<string, string>();
        foreach (var path in PublicPages)
            pages[path] = await HtmlPages.TextAsync(client, path);
        var token = await SubscriberTokenAsync();
        pages["/subscription/{token}"] = await HtmlPages.TextAsync(client, $"/subscription/{token}");
        pages["/subscription/{token}/unsubscribe"] = await HtmlPages.TextAsync(client, $"/subscription/{token}/unsubscribe");
        pages["/subscription/confirm/{token}"] = await HtmlPages.TextAsync(client, $"/subscription/confirm/{token}");
        pages["/subscription/{token}/more/{id}"] = await HtmlPages.TextAsync(client, $"/subscription/{token}/more/2608.19880");
        await client.PostAsync(new Uri($"/subscription/{token}/fewer/2608.19880", UriKind.Relative), null, TestContext.Current.CancellationToken);
        pages["/subscription/{token}/fewer/{id}?done=recorded"] = await HtmlPages.TextAsync(client, $"/subscription/{token}/fewer/2608.19880?done=recorded");
        pages["/subscription/{token} with feedback"] = await HtmlPages.TextAsync(client, $"/subscription/{token}");
        pages["/digest/preview?topic="] = await HtmlPages.TextAsync(client, "/digest/preview?topic=robots+learning+from+videos&closeness=0.4");
        var admin = AdminSession.Client(app.Factory);
        await AdminSession.SignInAsync(admin, await AdminSession.CreateAdminAsync(app.Factory), AdminSession.Password);
        foreach (var path in new[] { "/admin", "/admin/papers", "/admin/papers/2608.19880", "/admin/tags", "/admin/tags/rules", "/admin/sources", "/admin/jobs", "/admin/subscribers", "/admin/digests", "/admin/audit" })
            pages[path] = await HtmlPages.TextAsync(admin, path);

        var errors = await OutsideTools.NuHtmlErrorsAsync(pages);

        Assert.All(pages, page => Assert.Contains("<meta name=\"description\"", page.Value, StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheCheckerItselfReportsTheMistakeCardsUsedToMake()
    {
        // The old card markup: aria-label on a plain span. If the checker stopped reporting this, the test above would prove nothing.
        var errors = await OutsideTools.NuHtmlErrorsAsync(new Dictionary<string, string>
        {
            ["old card"] = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><span aria-label="3 upvotes">▲ 3</span></body></html>""",
        });

        Assert.Contains(errors, error => error.Contains("aria-label", StringComparison.Ordinal));
    }

    private async Task<string> SubscriberTokenAsync()
    {
        var id = await Sql.InsertSubscriberAsync(app.Database.ConnectionString, $"{Guid.NewGuid():N}@example.com");
        var (token, hash) = LinkTokens.Create();
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var insert = new NpgsqlCommand(
            "INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, created_at) VALUES ($1, $2, 'Manage', now())", connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = hash });
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return token;
    }
}
