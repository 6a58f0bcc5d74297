using Microsoft.Extensions.DependencyInjection;
using PaperDigest.Core.Subscriptions;
using PaperDigest.Testing;

namespace PaperDigest.Core.Tests.Subscriptions;

public sealed class LinkTokenRetentionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task OldPageLinksAndExpiredConfirmationsGoButEachSubscribersNewestLinkStays()
    {
        await database.ResetAsync();
        var regular = await Sql.InsertSubscriberAsync(database.ConnectionString, "regular@example.com");
        var quiet = await Sql.InsertSubscriberAsync(database.ConnectionString, "quiet@example.com", status: "Paused");
        await Sql.ExecuteAsync(database.ConnectionString, $"""
            INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, created_at, expires_at) VALUES
              ('\x01', {regular}, 'Manage', now() - interval '400 days', NULL),
              ('\x02', {regular}, 'Manage', now() - interval '380 days', NULL),
              ('\x03', {regular}, 'Manage', now() - interval '10 days', NULL),
              ('\x04', {quiet}, 'Manage', now() - interval '500 days', NULL),
              ('\x05', {quiet}, 'Confirm', now() - interval '3 days', now() - interval '1 day'),
              ('\x06', {quiet}, 'Confirm', now() - interval '1 day', now() + interval '1 day');
            """);
        await using var services = CoreServices.CreateDigests(database.ConnectionString, new Dictionary<string, string?> { ["Digests:LinkLifetime"] = "365.00:00:00" },
            TimeProvider.System);
        await using var scope = services.CreateAsyncScope();

        var pruned = await scope.ServiceProvider.GetRequiredService<LinkTokenRetention>().PruneAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, pruned);
        Assert.Equal(["03", "04", "06"], await Sql.StringsAsync(database.ConnectionString, "SELECT encode(hash, 'hex') FROM subscriber_tokens ORDER BY hash"));
    }
}
