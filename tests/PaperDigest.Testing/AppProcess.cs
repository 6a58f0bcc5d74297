using System.Diagnostics;

namespace PaperDigest.Testing;

/// <summary>Runs the built web app as its own process, as a user would from the command line.</summary>
public static class AppProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    /// <param name="standardInput">Typed into the process, as if piped in; without it the input is empty.</param>
    /// <param name="limit">How long the process may run (5 minutes unless given); past it, it is killed and the call throws.</param>
    public static async Task<Outcome> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken,
        string standardInput = "", TimeSpan? limit = null)
    {
        using var running = Start(arguments, environment, standardInput);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit ?? TimeSpan.FromMinutes(5));
        try
        {
            return await running.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A process that should have exited must not outlive the test.
            await running.KillAsync();
            throw;
        }
    }

    /// <summary>Starts the app and returns at once, for tests that stop it the hard way in the middle of its work.</summary>
    public static Running Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string standardInput = "")
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PaperDigest.Web.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["Logging__FilePath"] = Path.Combine(Path.GetTempPath(), "paperdigest-tests", "logs", "paperdigest-.clef");
        // Settings may be named as in configuration (Smtp:Port) or as environment variables (Smtp__Port).
        foreach (var (name, value) in environment)
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        return new Running(Process.Start(start)!, standardInput);
    }

    public sealed class Running : IDisposable
    {
        private readonly Process process;
        private readonly Task<string> output;
        private readonly Task<string> errors;

        internal Running(Process process, string standardInput)
        {
            this.process = process;
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
            output = process.StandardOutput.ReadToEndAsync();
            errors = process.StandardError.ReadToEndAsync();
        }

        public async Task<Outcome> WaitAsync(CancellationToken cancellationToken)
        {
            await process.WaitForExitAsync(cancellationToken);
            return new Outcome(process.ExitCode, await output + await errors);
        }

        /// <summary>SIGKILL, as the OOM killer or a pulled plug would: no shutdown code runs.</summary>
        public async Task KillAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        public void Dispose() => process.Dispose();
    }
}
