using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Settings;

/// <summary>
/// Every settings class is checked when the app starts: a bad value stops the real app process with exit code 1 and
/// a sentence naming the setting, instead of failing hours later where the value is first used.
/// </summary>
public sealed class SettingsValidationTests(PostgresServer server)
{
    [Theory]
    [InlineData("Database:DatabaseName", "Robert'); DROP TABLE papers", "DatabaseName")]
    [InlineData("Smtp:Port", "0", "Port")]
    [InlineData("Smtp:From", "not an address", "Smtp:From")]
    [InlineData("Smtp:TrustedCertificateSha256", "12:34", "Smtp:TrustedCertificateSha256")]
    [InlineData("Site:BaseUrl", "ftp://papers.example.org/", "Site:BaseUrl")]
    [InlineData("Digests:BatchSize", "0", "BatchSize")]
    [InlineData("Ingestion:MaxRetries", "99", "MaxRetries")]
    [InlineData("Ingestion:Arxiv:BaseUrl", "file:///etc/passwd", "Ingestion:Arxiv:BaseUrl")]
    [InlineData("Ingestion:Arxiv:Categories:0", "not a category!", "Ingestion:Arxiv:Categories")]
    [InlineData("Scheduling:DailyDigestCron", "every morning", "Scheduling:DailyDigestCron")]
    [InlineData("Health:MaxIngestAge", "00:00:01", "MaxIngestAge")]
    [InlineData("RateLimits:SearchesPerClientPerMinute", "0", "SearchesPerClientPerMinute")]
    [InlineData("Subscriptions:PostsPerClientPerHour", "-1", "PostsPerClientPerHour")]
    [InlineData("Proxy:TrustedNetworks:0", "the office", "Proxy:TrustedNetworks")]
    public async Task ABadValueStopsTheAppAtStartNamingTheSetting(string setting, string value, string named)
    {
        var connectionString = await server.CreateDatabaseAsync();
        var outcome = await AppProcess.RunAsync([], new Dictionary<string, string>
        {
            ["ConnectionStrings:PaperDigest"] = connectionString,
            ["Urls"] = "http://127.0.0.1:0",
            [setting] = value,
        }, TestContext.Current.CancellationToken, limit: TimeSpan.FromMinutes(1));

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("PaperDigest did not start because settings are not valid:", outcome.Output, StringComparison.Ordinal);
        Assert.Contains(named, outcome.Output, StringComparison.Ordinal);
    }
}
