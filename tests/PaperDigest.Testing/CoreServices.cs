using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core;
using PaperDigest.Core.Data;
using PaperDigest.Core.Ingestion;

namespace PaperDigest.Testing;

/// <summary>The app's services as it registers them, on a test database and the given settings, without the web host.</summary>
public static class CoreServices
{
    /// <param name="replace">Registrations made first, which the app's own then leave alone (such as another embedding model).</param>
    public static ServiceProvider Create(string connectionString, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? replace = null) =>
        Build(connectionString, settings, TimeProvider.System, services =>
        {
            replace?.Invoke(services);
            services.AddIngestion().AddMeaning();
        });

    /// <summary>Mail, subscriptions and the digest sender, on the given clock.</summary>
    public static ServiceProvider CreateDigests(string connectionString, IReadOnlyDictionary<string, string?> settings, TimeProvider clock) =>
        Build(connectionString, settings, clock, services => services.AddDigests());

    private static ServiceProvider Build(string connectionString, IReadOnlyDictionary<string, string?> settings, TimeProvider clock, Action<IServiceCollection> add)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton(new DatabaseConnection(connectionString));
        services.AddDbContext<PaperDigestDbContext>(options => PaperDigestDbContextOptions.Configure(options, connectionString));
        add(services);
        return services.BuildServiceProvider();
    }
}
