using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PaperDigest.Core.Data;

/// <summary>
/// Listens, on a connection of its own, to <see cref="DatabaseNotifications"/> on its channels, and reconnects every
/// few seconds while it cannot. It logs when it goes deaf and when it hears again, and catches up after each (re)connect
/// (<see cref="OnListeningAsync"/>), since whatever was announced in between was missed.
/// </summary>
public abstract class DatabaseListener(DatabaseConnection connection, TimeProvider clock, ILogger logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private volatile bool listening;

    public bool Listening => listening;

    /// <summary>The database listened to, for the other connections a listener opens.</summary>
    protected string ConnectionString => connection.ConnectionString;

    protected abstract IReadOnlyCollection<string> Channels { get; }

    /// <summary>What goes stale while this listener cannot hear, for the log ("The page cache").</summary>
    protected abstract string Listener { get; }

    /// <summary>Called once listening, at start and after every reconnection.</summary>
    protected abstract Task OnListeningAsync(CancellationToken cancellationToken);

    /// <summary>The notifications heard since the last call, in order.</summary>
    protected abstract Task OnNotifiedAsync(IReadOnlyList<NpgsqlNotificationEventArgs> heard, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deafSince = (DateTimeOffset?)null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(connection.ConnectionString);
                // Notifications are raised inside WaitAsync, one event each, and handled after it returns.
                var heard = new List<NpgsqlNotificationEventArgs>();
                listener.Notification += (_, notification) => heard.Add(notification);
                await listener.OpenAsync(stoppingToken);
                foreach (var channel in Channels)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", listener);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                listening = true;
                if (deafSince is { } since)
                    logger.LogInformation("{Listener} hears of changes from other processes again (deaf since {Since:u})", Listener, since);
                deafSince = null;
                await OnListeningAsync(stoppingToken);
                while (true)
                {
                    await listener.WaitAsync(stoppingToken);
                    var batch = heard.ToList();
                    heard.Clear();
                    await OnNotifiedAsync(batch, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (DatabaseFailure.Find(exception) is not null || exception is InvalidOperationException or TimeoutException)
            {
                listening = false;
                if (deafSince is null)
                {
                    deafSince = clock.GetUtcNow();
                    logger.LogWarning("{Listener} cannot hear of changes made by other processes ({Reason}); it retries every {Delay}",
                        Listener, exception.Message, RetryDelay);
                }
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
