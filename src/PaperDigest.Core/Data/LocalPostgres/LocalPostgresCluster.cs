using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster started from the machine's binaries: the app's zero-configuration database,
/// and the tests' throwaway server. It listens on loopback only and requires a generated password.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private const string PasswordFileName = "paperdigest.password";

    private readonly PostgresProcessRunner runner;
    private readonly ILogger logger;
    private readonly string password;
    // A cluster found already running (left by a crashed run or another instance) is used but not stopped.
    private readonly bool ownsServer;

    private LocalPostgresCluster(PostgresProcessRunner runner, string dataDirectory, int port, string password, bool ownsServer, ILogger logger)
    {
        this.runner = runner;
        DataDirectory = dataDirectory;
        Port = port;
        this.password = password;
        this.ownsServer = ownsServer;
        this.logger = logger;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = password,
        Database = database,
    }.ConnectionString;

    /// <summary>Initialises the data folder when it is new, then starts the server unless it is already running.</summary>
    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        var binDirectory = PostgresBinaries.FindDirectory() ?? throw new LocalPostgresException(
            "PostgreSQL was not found on this machine: install it (apt-get install postgresql postgresql-contrib) " +
            "or set ConnectionStrings__PaperDigest to the connection string of an existing server.");
        var runner = new PostgresProcessRunner(binDirectory);
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);

        await PrepareDataDirectoryAsync(runner, dataDirectory, cancellationToken);
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
            await InitializeAsync(runner, dataDirectory, settings, logger, cancellationToken);
        var passwordFile = Path.Combine(dataDirectory, PasswordFileName);
        if (!File.Exists(passwordFile))
            throw new LocalPostgresException(
                $"The data folder {dataDirectory} holds a cluster PaperDigest did not finish creating (its password file is missing): delete the folder and start again.");
        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();

        var runningPort = await FindRunningPortAsync(runner, dataDirectory, cancellationToken);
        if (runningPort is { } port)
        {
            logger.LogInformation("Using the PostgreSQL server already running on port {Port} for {DataDirectory}", port, dataDirectory);
            return new LocalPostgresCluster(runner, dataDirectory, port, password, ownsServer: false, logger);
        }

        port = await StartServerAsync(runner, dataDirectory, settings, cancellationToken);
        logger.LogInformation("Started a local PostgreSQL server on port {Port} with data in {DataDirectory}", port, dataDirectory);
        return new LocalPostgresCluster(runner, dataDirectory, port, password, ownsServer: true, logger);
    }

    /// <summary>Creates the database when it does not exist yet.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            return;
        // CREATE DATABASE takes no parameters; the name is quoted as an identifier instead.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task StopAsync()
    {
        if (!ownsServer)
            return;
        var (exitCode, output) = await runner.RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], CancellationToken.None);
        if (exitCode == 0)
            logger.LogInformation("Stopped the local PostgreSQL server on port {Port}", Port);
        else
            logger.LogWarning("The local PostgreSQL server on port {Port} did not stop cleanly: {Output}", Port, output);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task PrepareDataDirectoryAsync(PostgresProcessRunner runner, string dataDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        if (!PostgresProcessRunner.RunsAsRoot)
            return;

        // As root the server runs as the postgres user, which must own the data folder and be able to reach it.
        await RunCheckedAsync("chown", ["-R", $"{PostgresProcessRunner.ServiceUser}:", dataDirectory],
            $"Running as root needs the '{PostgresProcessRunner.ServiceUser}' system user that the postgresql package creates: install postgresql, or run as a normal user.",
            cancellationToken);
        var (writable, _) = await runner.RunAsync("/usr/bin/test", ["-w", dataDirectory], cancellationToken);
        if (writable != 0)
            throw new LocalPostgresException(
                $"The postgres user cannot reach {dataDirectory}, because a parent folder is private: " +
                "set Database:DataDirectory to a folder outside /root, such as /var/lib/paperdigest/postgres.");
    }

    private static async Task InitializeAsync(PostgresProcessRunner runner, string dataDirectory, LocalPostgresSettings settings, ILogger logger, CancellationToken cancellationToken)
    {
        logger.LogInformation("Creating a new PostgreSQL cluster in {DataDirectory}", dataDirectory);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        // initdb wants an empty folder, so the password file waits beside it and moves in afterwards.
        var passwordFile = dataDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".initdb-password";
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        try
        {
            RestrictToOwner(passwordFile);
            if (PostgresProcessRunner.RunsAsRoot)
                await RunCheckedAsync("chown", [$"{PostgresProcessRunner.ServiceUser}:", passwordFile], "Could not hand the new cluster's password file to the postgres user.", cancellationToken);

            List<string> arguments = ["-D", dataDirectory, "-U", Superuser, "-A", "scram-sha-256", $"--pwfile={passwordFile}",
                "-E", "UTF8", "--locale=C.UTF-8"];
            if (settings.Disposable)
                arguments.Add("--no-sync");
            var (exitCode, output) = await runner.RunAsync("initdb", arguments, cancellationToken);
            if (exitCode != 0)
                throw new LocalPostgresException($"initdb could not create a cluster in {dataDirectory}: {LastLine(output)}");
        }
        finally
        {
            File.Delete(passwordFile);
        }

        var storedPassword = Path.Combine(dataDirectory, PasswordFileName);
        await File.WriteAllTextAsync(storedPassword, password, cancellationToken);
        RestrictToOwner(storedPassword);
    }

    private static async Task<int?> FindRunningPortAsync(PostgresProcessRunner runner, string dataDirectory, CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
            return null;
        var (status, _) = await runner.RunAsync("pg_ctl", ["status", "-D", dataDirectory], cancellationToken);
        if (status != 0)
            return null;
        // Line 4 of postmaster.pid is the port the running server listens on.
        var lines = await File.ReadAllLinesAsync(pidFile, cancellationToken);
        return lines.Length > 3 && int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static async Task<int> StartServerAsync(PostgresProcessRunner runner, string dataDirectory, LocalPostgresSettings settings, CancellationToken cancellationToken)
    {
        // A free port can be taken between choosing it and binding it, so a failed start is retried on another.
        var attempts = settings.Port is null ? 3 : 1;
        var lastOutput = "";
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var port = settings.Port ?? FreeLoopbackPort();
            var serverOptions = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
            if (settings.Disposable)
                serverOptions += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            var (exitCode, output) = await runner.RunAsync("pg_ctl",
                ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(dataDirectory, "server.log"), "-o", serverOptions],
                cancellationToken);
            if (exitCode == 0)
                return port;
            lastOutput = output;
        }
        throw new LocalPostgresException($"The local PostgreSQL server would not start; see {Path.Combine(dataDirectory, "server.log")} ({LastLine(lastOutput)}).");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Used for chown only: a plain system program run as this (root) process, not as the postgres user.
    private static async Task RunCheckedAsync(string program, string[] arguments, string failure, CancellationToken cancellationToken)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start) ?? throw new LocalPostgresException(failure);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new LocalPostgresException(failure);
    }

    private static void RestrictToOwner(string path)
    {
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static string LastLine(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}
