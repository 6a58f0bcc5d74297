using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace PaperDigest.Testing;

/// <summary>
/// Tools nobody on the project wrote, judging the site as its users' world does: the Nu HTML checker (vnu, run by
/// Debian's Java), Redocly CLI and axe (run inside the browser tests' Chromium), all pinned in tests/tools/package.json. .ci/run installs them; by hand it is
/// <c>apt-get install default-jre-headless</c> and <c>npm ci --prefix tests/tools</c>. Where one is missing its tests
/// skip with that sentence, except under CI=true, where they fail.
/// </summary>
public static class OutsideTools
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Errors the Nu HTML checker finds in each page ("path: line N: message"); warnings and notes are left out.</summary>
    public static async Task<IReadOnlyList<string>> NuHtmlErrorsAsync(IReadOnlyDictionary<string, string> htmlByPath)
    {
        var jar = Require(Path.Combine(ToolsDirectory, "node_modules", "vnu-jar", "build", "dist", "vnu.jar"));
        var java = RequireOnPath("java", "apt-get install default-jre-headless");
        var folder = Directory.CreateTempSubdirectory("paperdigest-vnu-");
        try
        {
            var files = new Dictionary<string, string>();
            foreach (var (path, html) in htmlByPath)
            {
                var file = Path.Combine(folder.FullName, $"page-{files.Count}.html");
                await File.WriteAllTextAsync(file, html);
                files[Path.GetFileName(file)] = path;
            }
            var (_, output) = await RunAsync(java, ["-jar", jar, "--errors-only", "--format", "json", "--exit-zero-always", .. files.Keys.Select(name => Path.Combine(folder.FullName, name))]);
            using var report = JsonDocument.Parse(output);
            return report.RootElement.GetProperty("messages").EnumerateArray()
                .Select(m => $"{files.GetValueOrDefault(m.TryGetProperty("url", out var url) ? Path.GetFileName(url.GetString()!) : "", "?")}: line " +
                             $"{(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}")
                .ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Redocly's lint of an OpenAPI document under its recommended rules: the exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RedoclyLintAsync(string openApiJson)
    {
        var cli = Require(Path.Combine(ToolsDirectory, "node_modules", "@redocly", "cli", "bin", "cli.js"));
        var node = RequireOnPath("node", "apt-get install nodejs");
        var file = Path.Combine(Path.GetTempPath(), $"paperdigest-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, openApiJson);
        try
        {
            return await RunAsync(node, [cli, "lint", "--extends", "recommended", file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>axe-core's script, for a browser test to load into a page and run.</summary>
    public static string AxeScript => Require(Path.Combine(ToolsDirectory, "node_modules", "axe-core", "axe.min.js"));

    private static string ToolsDirectory => Path.Combine(RepositoryRoot(), "tests", "tools");

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PaperDigest.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The tests run outside the repository, so tests/tools cannot be found.");
    }

    private static string Require(string path)
    {
        if (!File.Exists(path))
            Missing($"{path} is missing: run `npm ci --prefix tests/tools` to install the outside checkers.");
        return path;
    }

    private static string RequireOnPath(string program, string install)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
        if (found is null)
            Missing($"{program} is not installed: {install}.");
        return found!;
    }

    private static void Missing(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail("CI=true, so the outside checkers must run, but " + reason);
        Assert.Skip(reason);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(true);
            throw new TimeoutException($"{Path.GetFileName(program)} did not finish within {Limit.TotalMinutes} minutes.");
        }
        // vnu writes its JSON report to standard error; Redocly writes to both.
        return (process.ExitCode, await output + await errors);
    }
}
