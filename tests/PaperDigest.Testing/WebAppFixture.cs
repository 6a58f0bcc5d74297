using Xunit;

namespace PaperDigest.Testing;

/// <summary>A test class's own database with the app running on it; the app imports the shipped sample on start.</summary>
public sealed class WebAppFixture(PostgresServer server) : IAsyncLifetime
{
    private PaperDigestAppFactory? factory;

    public TestDatabase Database { get; } = new(server);

    public PaperDigestAppFactory Factory => factory ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        factory = new PaperDigestAppFactory(Database.ConnectionString);
        factory.StartServer();
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null)
            await factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
