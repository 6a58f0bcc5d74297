using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Meaning;

/// <summary>The app with embedding on and a real SMTP server.</summary>
public sealed class EmbeddingMailAppFixture(PostgresServer server) : MailAppFixture(server)
{
    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>(base.Settings!)
    {
        ["Embeddings:Enabled"] = "true",
        ["Embeddings:Threads"] = "2",
    };

    public Task EmbeddedAsync() => Poll.UntilAsync(async () =>
            await Sql.ScalarAsync<long>(Database.ConnectionString, "SELECT count(*) FROM papers p LEFT JOIN paper_embeddings e USING (arxiv_id) WHERE e.arxiv_id IS NULL") == 0,
        "every paper to be embedded", TimeSpan.FromSeconds(120));
}

/// <summary>Feedback links, the order they change, and topics, with the real model on the shipped sample.</summary>
public sealed class PersonalDigestTests(EmbeddingMailAppFixture app) : IClassFixture<EmbeddingMailAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPaperCarriesFeedbackLinksWhoseGetChangesNothingAndWhosePostRecords()
    {
        await app.EmbeddedAsync();
        var subscriber = await Sql.InsertSubscriberAsync(app.Database.ConnectionString, "links@example.com", maxPapers: 4);
        await SendDailyAsync();
        var message = await app.Smtp.WaitForAsync("links@example.com");

        var more = Links(message.HtmlBody, "/more/");
        Assert.Equal(4, more.Count);
        Assert.Equal(4, Links(message.HtmlBody, "/fewer/").Count);
        Assert.Contains("More like this: ", message.TextBody, StringComparison.Ordinal);
        var path = new Uri(more[^1]).PathAndQuery;
        var arxivId = path[(path.IndexOf("/more/", StringComparison.Ordinal) + "/more/".Length)..];
        var client = app.Factory.CreateClient();

        var (shown, page) = await HtmlPages.GetAsync(client, path);
        Assert.Equal(System.Net.HttpStatusCode.OK, shown.StatusCode);
        Assert.NotNull(page.QuerySelector($"form[method=post] button"));
        Assert.Equal(0L, await FeedbackCountAsync(subscriber));

        var recorded = await client.PostAsync(new Uri(path, UriKind.Relative), null, Cancel);
        Assert.Equal(1L, await FeedbackCountAsync(subscriber));
        Assert.Equal("More", await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT signal FROM paper_feedback WHERE subscriber_id = {subscriber} AND arxiv_id = '{arxivId}'"));
        var after = await HtmlPages.ParseAsync(recorded);
        Assert.Contains("Noted", after.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var title = await Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT title FROM papers WHERE arxiv_id = '{arxivId}'");
        Assert.Equal([title], after.QuerySelectorAll(".feedback-list a").Select(a => a.TextContent));

        // The reader's page lists it and forgets it on request.
        var manage = path[..path.IndexOf("/more/", StringComparison.Ordinal)];
        var (_, own) = await HtmlPages.GetAsync(client, manage);
        Assert.Contains(title, own.QuerySelector(".interests")!.TextContent, StringComparison.Ordinal);
        await client.PostAsync(new Uri(manage + "/forget", UriKind.Relative), null, Cancel);
        Assert.Equal(0L, await FeedbackCountAsync(subscriber));
        var (unknown, _) = await HtmlPages.GetAsync(client, "/subscription/not-a-token/more/" + arxivId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AMoreLikeThisChangesTheReadersOrderAndSaysWhy()
    {
        await app.EmbeddedAsync();
        var db = app.Database.ConnectionString;
        var plain = await Sql.InsertSubscriberAsync(db, "plain@example.com", maxPapers: 3);
        var personal = await Sql.InsertSubscriberAsync(db, "personal@example.com", maxPapers: 3);
        // The least upvoted paper of the edition's day, which the trending order leaves out of a three-paper digest.
        var liked = (await Sql.StringsAsync(db,
            "SELECT p.arxiv_id FROM papers p JOIN listings l USING (arxiv_id) WHERE l.day = '2026-08-21' ORDER BY p.upvotes, p.arxiv_id LIMIT 1")).Single();
        var title = await Sql.ScalarAsync<string>(db, $"SELECT title FROM papers WHERE arxiv_id = '{liked}'");
        await Sql.ExecuteAsync(db, $"INSERT INTO paper_feedback (subscriber_id, arxiv_id, signal, recorded_at) VALUES ({personal}, '{liked}', 'More', now())");

        DigestContent? next;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var reader = await scope.ServiceProvider.GetRequiredService<Core.Data.PaperDigestDbContext>().Subscribers.FindAsync([personal], Cancel);
            next = await scope.ServiceProvider.GetRequiredService<DigestAdministration>().NextDigestOfAsync(reader!, Cancel);
        }

        await SendDailyAsync();
        var trending = await app.Smtp.WaitForAsync("plain@example.com");
        var own = await app.Smtp.WaitForAsync("personal@example.com");

        var trendingOrder = PaperIds(trending.HtmlBody);
        var ownOrder = PaperIds(own.HtmlBody);
        Assert.Equal(3, ownOrder.Count);
        Assert.DoesNotContain(liked, trendingOrder);
        Assert.NotEqual(trendingOrder, ownOrder);
        Assert.Contains(liked, ownOrder);
        Assert.Contains(Reasons.CloseTo(title), System.Net.WebUtility.HtmlDecode(own.HtmlBody), StringComparison.Ordinal);
        Assert.Contains(Reasons.Trending, trending.TextBody, StringComparison.Ordinal);
        Assert.True(plain > 0);
        // The reader's page (and the admin's subscriber page) showed the digest in this order before it was sent.
        Assert.Equal(ownOrder, next!.Papers.Select(p => p.ArxivId));
    }

    [Fact]
    public async Task ATopicBringsAPaperThatSharesNoWordWithIt()
    {
        await app.EmbeddedAsync();
        const string Topic = "voice dictation systems that write down what people say";
        var client = app.Factory.CreateClient();

        var (_, preview) = await HtmlPages.GetAsync(client, "/digest/preview?max=20&closeness=0.3&topic=" + Uri.EscapeDataString(Topic));

        var found = PaperIds(preview.QuerySelector(".digest-preview")!.InnerHtml);
        Assert.Contains("2608.19936", found);   // Towards Quantifying Benchmark Optimization in ASR Models
        Assert.DoesNotContain("2608.19854", found);   // Repo0: code generation
        Assert.Contains("matches your topic (0.", preview.QuerySelector(".digest-preview")!.TextContent, StringComparison.Ordinal);
        // Not one stem of the topic is in the paper's title, keywords or abstract: it was found by meaning alone.
        Assert.False(await Sql.ScalarAsync<bool>(app.Database.ConnectionString, $"""
            SELECT search_vector @@ replace(plainto_tsquery('english', '{Topic}')::text, '&', '|')::tsquery FROM papers WHERE arxiv_id = '2608.19936'
            """));

        // A subscriber who follows the topic receives it, and only papers that close.
        var id = await Sql.InsertSubscriberAsync(app.Database.ConnectionString, "topic@example.com", maxPapers: 20);
        await Sql.ExecuteAsync(app.Database.ConnectionString, $"UPDATE subscribers SET topic = '{Topic}', topic_threshold = 0.3 WHERE id = {id}");
        await SendDailyAsync();
        var received = PaperIds((await app.Smtp.WaitForAsync("topic@example.com")).HtmlBody);
        Assert.Contains("2608.19936", received);
        Assert.Equal(found, received);
    }

    private async Task SendDailyAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var run = await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, Cancel);
        Assert.True(run.Failed == 0, run.Describe(dryRun: false));
    }

    // Other tests of the class leave feedback of their own readers.
    private Task<long> FeedbackCountAsync(long subscriber) =>
        Sql.ScalarAsync<long>(app.Database.ConnectionString, $"SELECT count(*) FROM paper_feedback WHERE subscriber_id = {subscriber}");

    private static List<string> Links(string? html, string part) =>
        System.Text.RegularExpressions.Regex.Matches(html ?? "", "href=\"([^\"]+)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(href => href.Contains(part, StringComparison.Ordinal)).ToList();

    // The papers' own pages, in the digest's order (not the footer's link to trending).
    private static List<string> PaperIds(string? html) =>
        Links(html, "/papers/").Select(href => href[(href.LastIndexOf("/papers/", StringComparison.Ordinal) + "/papers/".Length)..])
            .Where(id => id.Length > 0 && char.IsDigit(id[0])).ToList();
}
