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

    public static string Identity { get; } = NameOf(Process.GetCurrentProcess());

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
            return NameOf(Process.GetProcessById(processId)) != identity;
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

    private static string NameOf(Process process)
    {
        using (process)
            return string.Create(CultureInfo.InvariantCulture, $"{HostPrefix}{process.Id}/{process.StartTime.ToUniversalTime():yyyyMMddTHHmmss.fff}");
    }
}
