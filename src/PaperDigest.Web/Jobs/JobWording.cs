using System.Globalization;
using Quartz;

namespace PaperDigest.Web.Jobs;

/// <summary>How the jobs page names jobs, schedules and states for curators, instead of class names, cron and Quartz's enum.</summary>
public static class JobWording
{
    public static string Name(string job) => job switch
    {
        nameof(IngestListingsJob) => "Ingest the listings",
        nameof(SendDailyDigestJob) => "Daily digest",
        nameof(SendWeeklyDigestJob) => "Weekly digest",
        nameof(PruneLinkTokensJob) => "Prune old email links and delivery records",
        _ => job,
    };

    public static string State(TriggerState state) => state switch
    {
        TriggerState.Normal => "Scheduled",
        TriggerState.Paused => "Paused",
        TriggerState.Blocked => "Running",
        TriggerState.Error => "Failed to start",
        TriggerState.Complete => "Finished",
        _ => "No schedule",
    };

    /// <summary>
    /// The schedules this app's settings take, in words ("every hour at :07 UTC", "every day at 07:30 UTC", "every
    /// Monday at 07:30 UTC"); any other cron expression is shown as it is written.
    /// </summary>
    public static string Schedule(string? cron)
    {
        if (cron is null)
            return "none";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7 || fields[0] != "0" || !IsNumber(fields[1]) || fields[4] != "*" || (fields.Length == 7 && fields[6] != "*"))
            return cron;
        var minute = int.Parse(fields[1], CultureInfo.InvariantCulture);
        return (fields[2], fields[3], fields[5]) switch
        {
            ("*", "*", "?") => $"every hour at :{minute:00} UTC",
            (var hour, "*", "?") when IsNumber(hour) => $"every day at {int.Parse(hour, CultureInfo.InvariantCulture):00}:{minute:00} UTC",
            (var hour, "?", var day) when IsNumber(hour) && Weekday(day) is { } name => $"every {name} at {int.Parse(hour, CultureInfo.InvariantCulture):00}:{minute:00} UTC",
            _ => cron,
        };
    }

    private static bool IsNumber(string field) => field.Length is > 0 and <= 2 && field.All(char.IsAsciiDigit);

    private static string? Weekday(string day) => day.ToUpperInvariant() switch
    {
        "MON" => "Monday", "TUE" => "Tuesday", "WED" => "Wednesday", "THU" => "Thursday", "FRI" => "Friday", "SAT" => "Saturday", "SUN" => "Sunday",
        _ => null,
    };
}
