using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PaperDigest.Web.Logging;

/// <summary>Serilog set-up: readable console lines, a rolling file of structured JSON events, and request logging.</summary>
internal static class PaperDigestLogging
{
    private const long MaxFileBytes = 100 * 1024 * 1024;

    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Logs start-up failures that happen before the host and its configuration exist.</summary>
    public static Serilog.ILogger CreateBootstrapLogger() =>
        new LoggerConfiguration()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: CultureInfo.InvariantCulture)
            .CreateLogger();

    public static void AddPaperDigestLogging(this WebApplicationBuilder builder)
    {
        // Configured from the built service provider, so settings supplied late (by tests or hosts) are honoured;
        // the static bootstrap logger stays separate so several hosts in one process do not share one logger.
        builder.Services.AddSerilog((services, logger) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var environment = services.GetRequiredService<IHostEnvironment>();
            var filePath = configuration["Logging:FilePath"] ?? Path.Combine(environment.ContentRootPath, "logs", "paperdigest-.clef");
            // Defaults live here so they hold wherever the app is started from; Serilog:MinimumLevel overrides them.
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Migrations", LogEventLevel.Information)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                // Keys are kept in the app's own database, behind its access control, so the unencrypted-key warning is noise.
                .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogEventLevel.Error)
                .ReadFrom.Configuration(configuration)
                .Enrich.FromLogContext()
                .Enrich.With<LoggedPaths>()
                .WriteTo.Console(outputTemplate: ConsoleTemplate, formatProvider: CultureInfo.InvariantCulture);
            // An empty path means the console only, as in a container, whose runtime keeps standard output.
            if (filePath.Length > 0)
            {
                // Every event, each request included: bounded by size, so under heavy traffic it reaches back minutes, not days.
                logger.WriteTo.File(new CompactJsonFormatter(), filePath,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                    fileSizeLimitBytes: MaxFileBytes, rollOnFileSizeLimit: true);
                // Warnings and errors alone, a file a day for 14 days whatever the traffic: a crawler's burst of request
                // lines rolled the morning's errors out of the file above within half an hour. A day's file that fills up
                // keeps its first events (the start of a storm) rather than rolling.
                logger.WriteTo.File(new CompactJsonFormatter(), ProblemsFilePath(filePath), restrictedToMinimumLevel: LogEventLevel.Warning,
                    rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14,
                    fileSizeLimitBytes: MaxFileBytes, rollOnFileSizeLimit: false);
            }
        }, preserveStaticLogger: true, writeToProviders: false);
    }

    /// <summary>Where warnings and errors are kept as well: <c>problems-</c> before the log file's name, in its folder.</summary>
    private static string ProblemsFilePath(string filePath) =>
        Path.Combine(Path.GetDirectoryName(filePath) ?? "", "problems-" + Path.GetFileName(filePath));
}
