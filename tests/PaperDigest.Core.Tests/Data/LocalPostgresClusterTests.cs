using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Data;

public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "cluster-" + Guid.NewGuid().ToString("N")[..12]);

    [Fact]
    public async Task ASecondStartOfTheSameDataFolderKeepsTheData()
    {
        var settings = new LocalPostgresSettings(Path.Combine(folder, "data"), Disposable: true);
        var first = await LocalPostgresCluster.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
        await first.EnsureDatabaseAsync("kept", TestContext.Current.CancellationToken);
        await Sql.ExecuteAsync(first.ConnectionString("kept"), "CREATE TABLE marker (value text); INSERT INTO marker VALUES ('still here')");
        await first.StopAsync();

        var second = await LocalPostgresCluster.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
        try
        {
            Assert.Equal("still here", await Sql.ScalarAsync<string>(second.ConnectionString("kept"), "SELECT value FROM marker"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task AServerLeftRunningIsReusedNotStartedTwice()
    {
        var settings = new LocalPostgresSettings(Path.Combine(folder, "data"), Disposable: true);
        var owner = await LocalPostgresCluster.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
        try
        {
            var reuser = await LocalPostgresCluster.StartAsync(settings, NullLogger.Instance, TestContext.Current.CancellationToken);
            Assert.Equal(owner.Port, reuser.Port);

            // The reusing side does not own the server, so stopping it leaves the server up for its owner.
            await reuser.StopAsync();
            Assert.Equal(1, await Sql.ScalarAsync<int>(owner.ConnectionString("postgres"), "SELECT 1"));
        }
        finally
        {
            await owner.StopAsync();
        }
    }

    [Fact]
    public async Task TheServerRequiresItsGeneratedPassword()
    {
        var cluster = await LocalPostgresCluster.StartAsync(
            new LocalPostgresSettings(Path.Combine(folder, "data"), Disposable: true), NullLogger.Instance, TestContext.Current.CancellationToken);
        try
        {
            var wrong = new NpgsqlConnectionStringBuilder(cluster.ConnectionString("postgres")) { Password = "guess" }.ConnectionString;
            var error = await Assert.ThrowsAsync<PostgresException>(() => Sql.ScalarAsync<int>(wrong, "SELECT 1"));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, error.SqlState);
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    [Fact]
    public async Task AHalfCreatedDataFolderIsRefusedWithWhatToDo()
    {
        var data = Path.Combine(folder, "data");
        var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(data, Disposable: true), NullLogger.Instance, TestContext.Current.CancellationToken);
        await cluster.StopAsync();
        File.Delete(Path.Combine(data, "paperdigest.password"));

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() =>
            LocalPostgresCluster.StartAsync(new LocalPostgresSettings(data, Disposable: true), NullLogger.Instance, TestContext.Current.CancellationToken));

        Assert.Contains("delete the folder and start again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutServerProgramsNoFolderIsFound()
    {
        Assert.Null(PostgresBinaries.FindDirectory([Path.Combine(folder, "empty")], Path.Combine(folder, "no-debian-root")));
        Assert.NotNull(PostgresBinaries.FindDirectory([], "/usr/lib/postgresql"));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
