using System.Diagnostics;
using System.Globalization;

namespace PaperDigest.Core.Ingestion;

/// <summary>
/// Names this process as host, process id and start time, and tells whether a process so named on this host has
/// ended. The start time makes a reused process id a different process.
/// </summary>
public static class RunnerProcess
{
    private static readonly string HostPrefix = Environment.MachineName + "/";

    public static string Identity { get; } = Name(Environment.ProcessId, StartOf(Process.GetCurrentProcess()));

    /// <summary>True only when <paramref name="identity"/> names a process of this host that no longer runs; another host's process is never judged.</summary>
    public static bool HasEndedOnThisHost(string? identity)
    {
        if (identity is null || !identity.StartsWith(HostPrefix, StringComparison.Ordinal))
            return false;
        var parts = identity[HostPrefix.Length..].Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
            return false;
        try
        {
            using var process = Process.GetProcessById(processId);
            return Name(processId, StartOf(process)) != identity;
        }
        catch (ArgumentException)
        {
            // No process has that id any more.
            return true;
        }
        catch (InvalidOperationException)
        {
            // It exited while being looked at.
            return true;
        }
    }

    private static string Name(int processId, DateTime startedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{HostPrefix}{processId}/{startedAt.ToUniversalTime():yyyyMMddTHHmmss.fff}");

    private static DateTime StartOf(Process process) => process.StartTime;
}
