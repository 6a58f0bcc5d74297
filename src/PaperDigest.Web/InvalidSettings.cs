using Microsoft.Extensions.Options;

namespace PaperDigest.Web;

/// <summary>Finds the settings that failed validation inside what start-up threw (one, or several at once).</summary>
internal static class InvalidSettings
{
    /// <summary>Every failure, one sentence each, or null when the exception is not about settings.</summary>
    public static string? Of(Exception exception)
    {
        var failures = (exception is AggregateException many ? many.Flatten().InnerExceptions : [exception])
            .OfType<OptionsValidationException>()
            .SelectMany(invalid => invalid.Failures)
            .ToList();
        return failures.Count == 0 ? null : string.Join(" ", failures.Select(f => f.TrimEnd('.') + "."));
    }
}
