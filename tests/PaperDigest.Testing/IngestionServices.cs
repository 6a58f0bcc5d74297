using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Testing;

/// <summary>The ingestion services as the app registers them, on a test database and the given settings, without the web host.</summary>
public static class IngestionServices
{
    public static ServiceProvider Create(string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<PaperDigestDbContext>(options => PaperDigestDbContextOptions.Configure(options, connectionString));
        services.AddIngestion();
        return services.BuildServiceProvider();
    }
}
