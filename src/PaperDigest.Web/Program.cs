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
    // The database is readied here, before the host starts anything, so that a missing PostgreSQL or an unreachable
    // server is reported in one sentence. Hosts that never reach this line (the tests' WebApplicationFactory) get
    // the same from the DatabaseStartup hosted service.
    var database = app.Services.GetRequiredService<DatabaseStartup>();
    if (verb is not null)
    {
        await database.StartServerAsync(CancellationToken.None);
        return await verb.RunAsync(app.Services, Console.Out);
    }
    await database.PrepareAsync(CancellationToken.None);

    app.UsePaperDigestWeb();
    await app.RunAsync();
    return 0;
}
catch (VerbUsageException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}
catch (Exception exception) when (InvalidSettings.Of(exception) is { } failures)
{
    Log.Fatal("PaperDigest did not start because settings are not valid: {Failures} Fix them in appsettings.json, the environment (Section__Key) or the command line, and start again.", failures);
    return 1;
}
catch (Exception exception) when (exception is LocalPostgresException or DatabaseNotMigratedException)
{
    // The message is written for the person starting the app: what is missing and what to do.
    Log.Fatal("{Message}", exception.Message);
    return 1;
}
catch (Exception exception) when (DatabaseFailure.Find(exception) is { } failure)
{
    Log.Fatal("The database could not be used ({Reason}); check that it is running and that ConnectionStrings__PaperDigest is right.", failure.Message.Trim());
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
