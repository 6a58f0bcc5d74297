using PaperDigest.Web.Tests.Security;

namespace PaperDigest.Web.Tests.Logging;

/// <summary>
/// Two log files: every event (each request included), bounded by size; and warnings and errors alone, a file a day, so
/// heavy traffic cannot roll the day's problems away.
/// </summary>
public sealed class LogFilesTests(OwnLogFileAppFixture app) : IClassFixture<OwnLogFileAppFixture>
{
    [Fact]
    public async Task AFailureIsKeptInTheProblemsFileWithoutTheRequestLines()
    {
        // The fixture's mail server is not there: a subscription's confirmation cannot be sent, which is logged as an error.
        await app.Factory.CreateClient().PostAsync(new Uri("/subscriptions", UriKind.Relative),
            new FormUrlEncodedContent([KeyValuePair.Create("email", "problems@example.com")]), TestContext.Current.CancellationToken);
        await app.LoggedAsync("could not be used");

        var everything = app.Logged("paperdigest-*.clef");
        var problems = app.Logged("problems-paperdigest-*.clef");

        Assert.Contains("127.0.0.1:1 could not be used", everything, StringComparison.Ordinal);
        Assert.Contains("\"RequestPath\":\"/subscriptions\"", everything, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1 could not be used", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("responded {StatusCode}", problems, StringComparison.Ordinal);
        Assert.All(problems.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Matches("\"@l\":\"(Warning|Error|Fatal)\"", line));
    }
}
