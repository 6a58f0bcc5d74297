using System.Diagnostics;
using System.Text;

namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>Runs the PostgreSQL programs, through <c>runuser -u postgres</c> when this process is root.</summary>
internal sealed class PostgresProcessRunner(string binDirectory)
{
    // initdb and postgres refuse to run as root, so as root every program runs as the postgres system user.
    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    public const string ServiceUser = "postgres";

    public async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A bare name is one of PostgreSQL's programs; a path is a system program (such as test) run the same way.
        var executable = Path.IsPathRooted(program) ? program : Path.Combine(binDirectory, program);
        if (RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var prefix in new[] { "-u", ServiceUser, "--", executable })
                start.ArgumentList.Add(prefix);
        }
        else
        {
            start.FileName = executable;
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The server's messages are parsed nowhere, but a stable language keeps logs and errors readable.
        start.Environment["LC_MESSAGES"] = "C";

        using var process = Process.Start(start) ?? throw new LocalPostgresException($"Could not start {program}; check that {executable} is executable.");
        var output = new StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, output);
        var readErr = PumpAsync(process.StandardError, output);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(readOut, readErr);
        return (process.ExitCode, output.ToString().Trim());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var text = await reader.ReadToEndAsync();
        lock (sink)
            sink.AppendLine(text);
    }
}
