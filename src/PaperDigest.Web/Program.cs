using PaperDigest.Core.Data;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Web;
using PaperDigest.Web.CommandLine;
using PaperDigest.Web.Logging;
using Serilog;

Log.Logger = PaperDigestLogging.CreateBootstrapLogger();
try
{
    var verb = Verbs.Parse(args);
    // A verb's own arguments are not configuration, so only a plain start passes args to the builder.
    var builder = WebApplication.CreateBuilder(verb is null ? args : []);
    builder.AddPaperDigestWeb();
    await using var app = builder.Build();
    // Choosing (or starting) the database here, before the host starts anything, lets a missing PostgreSQL be
    // reported in one sentence. Under the tests' WebApplicationFactory this line is not reached, and the
    // DatabaseStartup hosted service does the same on start.
    await app.Services.GetRequiredService<DatabaseStartup>().StartServerAsync(CancellationToken.None);
    if (verb is not null)
        return await verb.RunAsync(app.Services, Console.Out);

    app.UsePaperDigestWeb();
    await app.RunAsync();
    return 0;
}
catch (VerbUsageException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
catch (LocalPostgresException exception)
{
    // The message is written for the person starting the app: what is missing and what to do.
    Log.Fatal("{Message}", exception.Message);
    return 1;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    Log.Fatal(exception, "PaperDigest stopped because of an unexpected error; the log above says where it happened");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, public so the tests' WebApplicationFactory can host it.</summary>
public partial class Program;
