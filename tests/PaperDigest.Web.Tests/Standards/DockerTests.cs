using System.Diagnostics;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Standards;

/// <summary>
/// The container set-up as far as this machine can check it: no Docker engine runs here, so images are not built,
/// but the compose file is validated by the compose tool (.ci/run installs Debian's docker-compose).
/// </summary>
public sealed class DockerTests
{
    private static readonly string[] ComposeTools = ["/usr/bin/docker-compose", "/usr/local/bin/docker-compose"];

    [Fact]
    public async Task TheComposeToolAcceptsTheComposeFile()
    {
        var compose = ComposeTools.FirstOrDefault(File.Exists);
        if (compose is null)
        {
            const string reason = "docker-compose is not installed (apt-get install docker-compose), so the compose file was not validated.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true, but " + reason);
            Assert.Skip(reason);
        }
        var start = new ProcessStartInfo(compose, ["config", "--quiet"])
        {
            WorkingDirectory = OutsideTools.RepositoryRoot(), RedirectStandardError = true, RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, errors);
    }

    [Fact]
    public async Task TheBuildContextLeavesOutHostBuildOutputAndTests()
    {
        var ignored = (await File.ReadAllLinesAsync(Path.Combine(OutsideTools.RepositoryRoot(), ".dockerignore"), TestContext.Current.CancellationToken))
            .Select(line => line.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "**/bin/", "**/obj/", "**/node_modules/", "tests/", ".git/" }, ignored);
    }
}
