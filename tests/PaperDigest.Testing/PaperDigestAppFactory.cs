using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PaperDigest.Testing;

/// <summary>The real web app, in process, on a test database; pass <c>useKestrel</c> to serve on a real loopback port.</summary>
public sealed class PaperDigestAppFactory : WebApplicationFactory<Program>
{
    private readonly string connectionString;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly string environment;
    private readonly string logDirectory = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "logs");

    /// <param name="settings">Extra configuration, such as source addresses pointing at <see cref="FakeSources"/>.</param>
    /// <param name="environment">Development, as `dotnet run` has it; Production for what operators run.</param>
    public PaperDigestAppFactory(string connectionString, bool useKestrel = false, IReadOnlyDictionary<string, string>? settings = null,
        string environment = "Development")
    {
        this.connectionString = connectionString;
        this.settings = settings ?? new Dictionary<string, string>();
        this.environment = environment;
        if (useKestrel)
            UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ConnectionStrings:PaperDigest", connectionString);
        builder.UseSetting("Logging:FilePath", Path.Combine(logDirectory, "paperdigest-.clef"));
        // Scheduled jobs must not fire during a test (ingest would reach for the internet); tests run them themselves.
        builder.UseSetting("Scheduling:IngestListingsCron", "0 0 0 1 1 ? 2099");
        builder.UseSetting("Scheduling:DailyDigestCron", "0 0 0 1 1 ? 2099");
        builder.UseSetting("Scheduling:WeeklyDigestCron", "0 0 0 1 1 ? 2099");
        builder.UseSetting("Scheduling:PruneLinkTokensCron", "0 0 0 1 1 ? 2099");
        // Every request of an in-memory test comes from the same (unknown) client address, so the per-client limits
        // would count a whole test class as one visitor; tests of the limits set their own.
        builder.UseSetting("RateLimits:SignInsPerClientPerMinute", "100000");
        builder.UseSetting("RateLimits:SearchesPerClientPerMinute", "100000");
        // Embedding a test database's papers costs each app seconds of both cores, and most tests are about words;
        // the tests of search by meaning, related papers and personal digests turn it on.
        builder.UseSetting("Embeddings:Enabled", "false");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}
