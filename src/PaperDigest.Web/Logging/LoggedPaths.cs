using System.Text.RegularExpressions;
using PaperDigest.Core.Site;
using Serilog.Core;
using Serilog.Events;

namespace PaperDigest.Web.Logging;

/// <summary>
/// Keeps subscribers' link tokens out of the logs: a token is a password to its subscriber's page, and request paths
/// reach log events both in the request log line and as the RequestPath of anything logged during a request.
/// </summary>
internal sealed partial class LoggedPaths : ILogEventEnricher
{
    private const string RequestPath = "RequestPath";

    public static string Redact(string path) => SubscriptionToken().Replace(path, "${prefix}{token}");

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (logEvent.Properties.TryGetValue(RequestPath, out var value) && value is ScalarValue { Value: string path })
            logEvent.AddOrUpdateProperty(new LogEventProperty(RequestPath, new ScalarValue(Redact(path))));
    }

    [GeneratedRegex("(?<prefix>/" + SiteLinks.SubscriberPrefix + "/(confirm/)?)[A-Za-z0-9_-]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubscriptionToken();
}
