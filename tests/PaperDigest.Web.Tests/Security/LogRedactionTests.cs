using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Security;

public sealed class OwnLogFileAppFixture(PostgresServer server) : WebAppFixture(server)
{
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("paperdigest-log-redaction-").FullName;

    public const string SmtpPassword = "smtp-secret-Xq7pLm2";

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Logging:FilePath"] = Path.Combine(LogDirectory, "paperdigest-.clef"),
        // A mail server that is not there, with credentials: sending fails and is logged.
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = "1",
        ["Smtp:Security"] = "None",
        ["Smtp:Username"] = "digest",
        ["Smtp:Password"] = SmtpPassword,
    };

    /// <summary>Everything logged so far, once <paramref name="expected"/> has been written (or after 10 s).</summary>
    public async Task<string> LoggedAsync(string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string logged;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            logged = Logged("*");
        }
        while (!logged.Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        return logged;
    }

    /// <summary>What the log files whose names match <paramref name="pattern"/> hold now (the app keeps them open).</summary>
    public string Logged(string pattern) => string.Concat(Directory.GetFiles(LogDirectory, pattern).Select(file =>
    {
        using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }));
}

/// <summary>Secrets never reach the log file: subscribers' link tokens, passwords typed at sign-in, SMTP credentials.</summary>
public sealed class LogRedactionTests(OwnLogFileAppFixture app) : IClassFixture<OwnLogFileAppFixture>
{
    [Fact]
    public async Task ALinkTokenInARequestPathIsReplacedInEveryLogEvent()
    {
        var token = "Secret" + Guid.NewGuid().ToString("N") + "Token12345";   // 43 characters, like a real token
        var client = app.Factory.CreateClient();

        await client.GetAsync(new Uri($"/subscription/{token}", UriKind.Relative), TestContext.Current.CancellationToken);
        await client.PostAsync(new Uri($"/subscription/{token}/unsubscribe", UriKind.Relative), new FormUrlEncodedContent([]), TestContext.Current.CancellationToken);
        await client.GetAsync(new Uri($"/subscription/confirm/{token}", UriKind.Relative), TestContext.Current.CancellationToken);

        var logged = await app.LoggedAsync("/subscription/confirm/{token}");

        Assert.Contains("/subscription/{token}/unsubscribe", logged, StringComparison.Ordinal);
        Assert.Contains("/subscription/confirm/{token}", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPasswordAndTheSmtpPasswordAreNotLoggedWhenSignInAndMailFail()
    {
        const string typedPassword = "typed-secret-Rw9vKd4";
        var client = Admin.AdminSession.Client(app.Factory);
        await Admin.AdminSession.SignInAsync(client, "someone@example.com", typedPassword);
        var subscribe = await app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .PostAsync(new Uri("/subscriptions", UriKind.Relative), new FormUrlEncodedContent([KeyValuePair.Create("email", "reader@example.com")]),
                TestContext.Current.CancellationToken);
        Assert.Equal("/subscribe?problem=mail", subscribe.Headers.Location!.OriginalString);

        var logged = await app.LoggedAsync("could not be used");

        // The file holds JSON events: templates and property values, each checked as written.
        Assert.Contains("Admin sign-in refused for {Email}", logged, StringComparison.Ordinal);
        Assert.Contains("\"someone@example.com\"", logged, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1 could not be used", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(typedPassword, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(OwnLogFileAppFixture.SmtpPassword, logged, StringComparison.Ordinal);
    }
}
