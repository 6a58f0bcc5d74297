using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Security;

public sealed class OwnLogFileAppFixture(PostgresServer server) : WebAppFixture(server)
{
    public string LogDirectory { get; } = Directory.CreateTempSubdirectory("paperdigest-log-redaction-").FullName;

    protected override IReadOnlyDictionary<string, string>? Settings => new Dictionary<string, string>
    {
        ["Logging:FilePath"] = Path.Combine(LogDirectory, "paperdigest-.clef"),
    };
}

/// <summary>Subscribers' link tokens are passwords to their pages: they never reach the log file.</summary>
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

        var deadline = DateTime.UtcNow.AddSeconds(10);
        string logged;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            logged = string.Concat(Directory.GetFiles(app.LogDirectory).Select(file =>
            {
                using var reader = new StreamReader(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
                return reader.ReadToEnd();
            }));
        }
        while (!logged.Contains("/subscription/confirm/{token}", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("/subscription/{token}/unsubscribe", logged, StringComparison.Ordinal);
        Assert.Contains("/subscription/confirm/{token}", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logged, StringComparison.Ordinal);
    }
}
