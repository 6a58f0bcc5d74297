using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PaperDigest.Testing;

/// <summary>The real web app, in process, on a test database; pass <c>useKestrel</c> to serve on a real loopback port.</summary>
public sealed class PaperDigestAppFactory : WebApplicationFactory<Program>
{
    private readonly string connectionString;
    private readonly string logDirectory = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "logs");

    public PaperDigestAppFactory(string connectionString, bool useKestrel = false)
    {
        this.connectionString = connectionString;
        if (useKestrel)
            UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the framework's static assets from build output, as `dotnet run` does.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:PaperDigest", connectionString);
        builder.UseSetting("Logging:FilePath", Path.Combine(logDirectory, "paperdigest-.clef"));
    }
}
