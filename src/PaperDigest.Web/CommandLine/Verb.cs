using PaperDigest.Core.Data;

namespace PaperDigest.Web.CommandLine;

/// <summary>A command-line verb: exits 0 on success and prints one clear line on failure.</summary>
internal abstract class Verb
{
    public abstract Task<int> RunAsync(IServiceProvider services, TextWriter output);
}

/// <summary>A verb that works on the database, which Program has already started; Program also reports its database failures.</summary>
internal abstract class DatabaseVerb : Verb
{
    public sealed override async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var database = services.GetRequiredService<DatabaseStartup>();
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
        try
        {
            return await ExecuteAsync(services, database, output, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            await output.WriteLineAsync("Cancelled; work already committed is kept and the rest can be run again.");
            return 130;
        }
    }

    protected abstract Task<int> ExecuteAsync(IServiceProvider services, DatabaseStartup database, TextWriter output, CancellationToken cancellationToken);
}
