using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PaperDigest.Core.Data.LocalPostgres;
using PaperDigest.Core.Digests;
using PaperDigest.Core.Mail;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Benchmarks;

/// <summary>
/// One measurement per process, so each mode's peak memory is its own: <c>run</c> sends a daily edition to COUNT
/// confirmed subscribers with mixed preferences through DigestSender; <c>baseline</c> sends COUNT copies of one
/// pre-rendered digest over one MailKit connection. Both go to the same in-process SMTP sink.
/// </summary>
internal static class DigestBenchmark
{
    public static async Task RunAsync(string dataDirectory, string mode, int count)
    {
        await using var cluster = await LocalPostgresCluster.StartAsync(new LocalPostgresSettings(dataDirectory), NullLogger.Instance, CancellationToken.None);
        var connectionString = cluster.ConnectionString(FilledDatabase.DatabaseName);
        await FilledDatabase.MigrateAsync(connectionString);
        await using var sink = new TestSmtpServer { KeepMessages = false };
        var settings = sink.Settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        settings["Smtp:MessagesPerSecond"] = "100000";   // the most the settings allow; far above what this machine sends
        await using var services = CoreServices.CreateDigests(connectionString, settings, TimeProvider.System);

        var clock = new Stopwatch();
        int sent;
        if (mode.StartsWith("baseline", StringComparison.Ordinal))
            sent = await SendIdenticalAsync(services, sink.Port, count, clock, mode == "baseline-fresh");
        else
        {
            await PrepareSubscribersAsync(connectionString, count);
            clock.Start();
            await using var scope = services.CreateAsyncScope();
            sent = (await scope.ServiceProvider.GetRequiredService<DigestSender>().RunAsync(DigestFrequency.Daily, dryRun: false, CancellationToken.None)).Sent;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode} subscribers={count} sent={sent} offered={sink.Offered} seconds={seconds:F1} rate={sent / seconds:F0} peak_mb={process.PeakWorkingSet64 / 1048576.0:F0}"));
    }

    // One digest as the run would render it (ten papers), sent again and again on one connection. With fresh, each copy
    // is composed as the run composes it (own address, token and Message-ID, body spliced from one encoding), in the
    // loop: what composing costs, without the ledger.
    private static async Task<int> SendIdenticalAsync(IServiceProvider services, int port, int count, Stopwatch clock, bool fresh)
    {
        await using var scope = services.CreateAsyncScope();
        var editions = scope.ServiceProvider.GetRequiredService<DigestEditions>();
        var composer = scope.ServiceProvider.GetRequiredService<MailComposer>();
        var content = await editions.PreviewAsync(DigestFrequency.Daily, new SubscriberPreferences(), CancellationToken.None)
                      ?? throw new InvalidOperationException("The data folder has no listings.");
        await using var renderer = scope.ServiceProvider.GetRequiredService<DigestRenderers>().Create();
        var (token, _) = LinkTokens.Create();
        var html = await renderer.RenderHtmlAsync(content);
        var message = composer.Compose("reader@example.com", content.Title, token, html, DigestText.Render(content), "baseline");
        var encoded = PreEncodedBody.Encode(html, DigestText.Render(content), LinkTokens.Placeholder);
        using var client = new SmtpClient();
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync("127.0.0.1", port);
        await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
        clock.Start();
        for (var i = 0; i < count; i++)
        {
            if (fresh)
            {
                var (freshToken, _) = LinkTokens.Create();
                message = composer.Compose($"reader{i}@example.com", content.Title, freshToken, encoded.WithToken(freshToken), $"baseline-{i}");
            }
            await client.SendAsync(message);
        }
        await client.DisconnectAsync(quit: true);
        return count;
    }

    // COUNT confirmed daily subscribers: a third take every paper, the rest one tag each; minimum upvotes 0, 0, 10 or
    // 50; 5 to 20 papers. The ledger is emptied so every run sends the whole edition.
    private static Task PrepareSubscribersAsync(string connectionString, int count) => Sql.ExecuteAsync(connectionString, $"""
        TRUNCATE digest_deliveries, digest_editions, subscriber_tokens, paper_feedback, subscribers RESTART IDENTITY;
        INSERT INTO subscribers (email, status, created_at, confirmed_at, permanent_failures, frequency, max_papers, min_upvotes, tags)
        SELECT 'reader' || g || '@example.com', 'Active', now(), now(), 0, 'Daily', 5 + g % 16, (ARRAY[0, 0, 10, 50])[1 + g % 4],
               CASE WHEN g % 3 = 0 THEN ARRAY[]::text[] ELSE ARRAY[tags.slugs[1 + g % array_length(tags.slugs, 1)]] END
        FROM generate_series(1, {count}) AS g, (SELECT array_agg(slug ORDER BY slug) AS slugs FROM tags) AS tags;
        ANALYZE subscribers;
        """);
}
