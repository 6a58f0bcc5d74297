using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using MimeKit;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Subscriptions;

/// <summary>Double opt-in, the subscriber's page and one-click unsubscribe, against real PostgreSQL and a real SMTP server.</summary>
public sealed partial class SubscriptionTests(MailAppFixture app) : IClassFixture<MailAppFixture>
{
    private HttpClient Client() => app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        PostFormFromAsync([], path, fields);

    /// <summary>A form post carrying the headers a browser adds to say where it came from (Origin, Sec-Fetch-Site).</summary>
    private async Task<HttpResponseMessage> PostFormFromAsync((string Name, string Value)[] headers, string path, params (string Name, string Value)[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        return await Client().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Subscribes and confirms <paramref name="email"/>; returns the one-click unsubscribe path of its confirmation email.</summary>
    private async Task<string> SubscribedAsync(string email)
    {
        await PostFormAsync("/subscriptions", ("email", email));
        var message = await app.Smtp.WaitForAsync(email);
        await PostFormAsync(Link(message, @"https://paperdigest\.test/subscription/confirm/\S+"));
        return new Uri(Regex.Match(message.Headers["List-Unsubscribe"] ?? "", "<(https[^>]+)>").Groups[1].Value).PathAndQuery;
    }

    private Task<string> StatusOfAsync(string email) =>
        Sql.ScalarAsync<string>(app.Database.ConnectionString, $"SELECT coalesce((SELECT status FROM subscribers WHERE email = '{email}'), 'none')");

    private static string Link(MimeMessage message, string pattern) => Regex.Match(message.TextBody ?? "", pattern).Value is { Length: > 0 } link
        ? new Uri(link).PathAndQuery
        : throw new InvalidOperationException($"No link like {pattern} in: {message.TextBody}");

    [Fact]
    public async Task SubscribingSendsOnlyAConfirmationCarryingTheListHeadersAndBothParts()
    {
        var response = await PostFormAsync("/subscriptions", ("email", "Ada@Example.com"), ("frequency", "weekly"), ("max", "5"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/subscribe?sent=true", response.Headers.Location!.OriginalString);
        var message = await app.Smtp.WaitForAsync("ada@example.com");
        Assert.Equal("Confirm your PaperDigest subscription", message.Subject);
        Assert.Matches(@"^<https://paperdigest\.test/subscription/[A-Za-z0-9_-]{43}/unsubscribe>, <mailto:digest@paperdigest\.test\?subject=unsubscribe>$",
            message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Equal("PaperDigest <digest.paperdigest.test>", message.Headers["List-Id"]);
        Assert.NotNull(message.HtmlBody);
        Assert.Contains("/subscription/confirm/", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("Pending", await StatusOfAsync("ada@example.com"));
    }

    [Fact]
    public async Task TheConfirmationLinkShowsAButtonThatConfirmsOnce()
    {
        await PostFormAsync("/subscriptions", ("email", "grace@example.com"));
        var confirm = Link(await app.Smtp.WaitForAsync("grace@example.com"), @"https://paperdigest\.test/subscription/confirm/\S+");

        var page = await Client().GetAsync(new Uri(confirm, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal("Pending", await StatusOfAsync("grace@example.com"));
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());

        var first = await PostFormAsync(confirm);
        var second = await PostFormAsync(confirm);

        Assert.Equal("/subscribe?confirmed=true", first.Headers.Location!.OriginalString);
        Assert.Equal("/subscribe?problem=link", second.Headers.Location!.OriginalString);
        Assert.Equal("Active", await StatusOfAsync("grace@example.com"));
    }

    [Fact]
    public async Task AnAddressGetsAtMostOneMailAnHourAndTheAnswerNeverSaysWhetherItWasSubscribed()
    {
        var first = await PostFormAsync("/subscriptions", ("email", "alan@example.com"));
        await app.Smtp.WaitForAsync("alan@example.com");
        var again = await PostFormAsync("/subscriptions", ("email", "alan@example.com"));
        var stranger = await PostFormAsync("/subscriptions", ("email", "someone-new@example.com"));
        await app.Smtp.WaitForAsync("someone-new@example.com");

        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(first.Headers.Location, stranger.Headers.Location);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == "alan@example.com"));
    }

    [Fact]
    public async Task AOneClickPostUnsubscribesAtOnceWithoutCookiesOrAntiforgery()
    {
        var unsubscribe = await SubscribedAsync("barbara@example.com");

        var response = await PostFormAsync(unsubscribe, ("List-Unsubscribe", "One-Click"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unsubscribed", await StatusOfAsync("barbara@example.com"));
    }

    [Fact]
    public async Task TheSubscribersPageChangesPreferencesPausesExportsAndDeletes()
    {
        await PostFormAsync("/subscriptions", ("email", "edsger@example.com"));
        var message = await app.Smtp.WaitForAsync("edsger@example.com");
        await PostFormAsync(Link(message, @"https://paperdigest\.test/subscription/confirm/\S+"));
        var page = new Uri(Regex.Match(message.Headers["List-Unsubscribe"] ?? "", "<(https[^>]+)/unsubscribe>").Groups[1].Value).PathAndQuery;

        var saved = await PostFormAsync(page + "/preferences", ("frequency", "weekly"), ("min", "20"), ("max", "3"), ("tags", "robotics"));
        var paused = await PostFormAsync(page + "/pause");
        var (shown, document) = await HtmlPages.GetAsync(Client(), page);
        var data = await Client().GetStringAsync(new Uri(page + "/data.json", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(page + "?done=saved", saved.Headers.Location!.OriginalString);
        Assert.Equal(page + "?done=paused", paused.Headers.Location!.OriginalString);
        Assert.Equal("paused", document.QuerySelector(".subscription-status")!.TextContent);
        Assert.Equal("no-store", shown.Headers.CacheControl?.ToString());
        Assert.Contains("\"email\": \"edsger@example.com\"", data, StringComparison.Ordinal);
        Assert.Contains("\"minUpvotes\": 20", data, StringComparison.Ordinal);
        Assert.Contains("\"robotics\"", data, StringComparison.Ordinal);

        var deleted = await PostFormAsync(page + "/delete");
        Assert.Equal("/subscribe?deleted=true", deleted.Headers.Location!.OriginalString);
        Assert.Equal("none", await StatusOfAsync("edsger@example.com"));
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("victim@example.com\r\nBcc: everyone@example.com")]
    [InlineData("victim@example.com\nSubject: hi")]
    [InlineData("Victim <victim@example.com>")]
    [InlineData("a@example.com, b@example.com")]
    [InlineData("")]
    public async Task AddressesThatAreNotOneMailboxAreRefusedAndNothingIsStoredOrSent(string email)
    {
        var subscribersBefore = await SubscriberCountAsync();
        var mailBefore = app.Smtp.Received.Count;

        var response = await PostFormAsync("/subscriptions", ("email", email));

        Assert.Equal("/subscribe?problem=email", response.Headers.Location!.OriginalString);
        Assert.Equal(subscribersBefore, await SubscriberCountAsync());
        // The confirmation is sent within the request, so anything sent would have arrived by now.
        Assert.Equal(mailBefore, app.Smtp.Received.Count);
    }

    private Task<long> SubscriberCountAsync() => Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM subscribers");

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task AFormPostFromAnotherSiteIsRefusedAndNothingIsStoredOrSent(string header, string value)
    {
        var mailBefore = app.Smtp.Received.Count;

        var response = await PostFormFromAsync([(header, value)], "/subscriptions", ("email", "forged@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This form was sent from another website, so it was refused; use the form on this site instead.",
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("none", await StatusOfAsync("forged@example.com"));
        Assert.Equal(mailBefore, app.Smtp.Received.Count);
    }

    [Fact]
    public async Task AFormPostFromThisSiteIsAccepted()
    {
        var response = await PostFormFromAsync([("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")], "/subscriptions",
            ("email", "same-origin@example.com"));

        Assert.Equal("/subscribe?sent=true", response.Headers.Location!.OriginalString);
        await app.Smtp.WaitForAsync("same-origin@example.com");
    }

    [Fact]
    public async Task OneClickUnsubscribeWorksFromAnywhereButAGetOfItsAddressChangesNothing()
    {
        var unsubscribe = await SubscribedAsync("kathleen@example.com");

        // Mail scanners and link previews fetch the address; RFC 8058 says only the POST may unsubscribe.
        var fetched = await Client().GetAsync(new Uri(unsubscribe, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("Active", await StatusOfAsync("kathleen@example.com"));

        // A mail provider posts from its own servers, which is another origin.
        var response = await PostFormFromAsync([("Origin", "https://mail.example")], unsubscribe, ("List-Unsubscribe", "One-Click"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unsubscribed", await StatusOfAsync("kathleen@example.com"));
    }

    [Fact]
    public async Task ATenThousandCharacterTagOrAnUnknownTagIsRefused()
    {
        var longTag = await PostFormAsync("/subscriptions", ("email", "tags@example.com"), ("tags", new string('x', 10_000)));
        var unknown = await PostFormAsync("/subscriptions", ("email", "tags@example.com"), ("tags", "no-such-tag"));

        Assert.Equal("/subscribe?problem=preferences", longTag.Headers.Location!.OriginalString);
        Assert.Equal("/subscribe?problem=preferences", unknown.Headers.Location!.OriginalString);
        Assert.Equal("none", await StatusOfAsync("tags@example.com"));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("short")]
    [InlineData("%27%20OR%201%3D1%20--")]
    public async Task ForgedTokensOpenNothingAndChangeNothing(string token)
    {
        var page = await Client().GetAsync(new Uri($"/subscription/{token}", UriKind.Relative), TestContext.Current.CancellationToken);
        var confirm = await PostFormAsync($"/subscription/confirm/{token}");
        var unsubscribe = await PostFormAsync($"/subscription/{token}/unsubscribe", ("List-Unsubscribe", "One-Click"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("/subscribe?problem=link", confirm.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unsubscribe.StatusCode);
    }

    [Fact]
    public async Task AnExpiredConfirmationLinkDoesNotConfirm()
    {
        await PostFormAsync("/subscriptions", ("email", "late@example.com"));
        var confirm = Link(await app.Smtp.WaitForAsync("late@example.com"), @"https://paperdigest\.test/subscription/confirm/\S+");
        await Sql.ExecuteAsync(app.Database.ConnectionString, "UPDATE subscriber_tokens SET expires_at = now() - interval '1 minute' WHERE purpose = 'Confirm'");

        var response = await PostFormAsync(confirm);

        Assert.Equal("/subscribe?problem=link", response.Headers.Location!.OriginalString);
        Assert.Equal("Pending", await StatusOfAsync("late@example.com"));
    }

    [Fact]
    public async Task WhenTheMailServerRefusesTheConfirmationThePersonIsToldToTryAgainAndTheRequestIsKept()
    {
        app.Smtp.Reply = _ => 550;
        try
        {
            var response = await PostFormAsync("/subscriptions", ("email", "refused@example.com"));

            Assert.Equal("/subscribe?problem=mail", response.Headers.Location!.OriginalString);
            Assert.Equal("Pending", await StatusOfAsync("refused@example.com"));
        }
        finally
        {
            app.Smtp.Reply = _ => 250;
        }

        // Not throttled: the failed attempt sent nothing, so trying again sends the confirmation.
        await PostFormAsync("/subscriptions", ("email", "refused@example.com"));
        await app.Smtp.WaitForAsync("refused@example.com");
    }

    [Fact]
    public async Task ListingPagesCarryASubscribeFormWithoutSettingACookie()
    {
        var (response, page) = await HtmlPages.GetAsync(Client(), "/");

        Assert.NotNull(page.QuerySelector("form[action='subscriptions'] input[name='email']"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
