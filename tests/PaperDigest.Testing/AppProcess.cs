using System.Diagnostics;

namespace PaperDigest.Testing;

/// <summary>Runs the built web app as its own process, as a user would from the command line.</summary>
public static class AppProcess
{
    public sealed record Outcome(int ExitCode, string Output);

    /// <param name="standardInput">Typed into the process, as if piped in; without it the input is empty.</param>
    public static async Task<Outcome> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken,
        string standardInput = "")
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
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Outcome(process.ExitCode, await output + await errors);
    }
}
