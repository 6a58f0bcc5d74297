using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using PaperDigest.Testing;

namespace PaperDigest.Web.Tests.Subscriptions;

public sealed class RateLimitedMailAppFixture(PostgresServer server) : MailAppFixture(server)
{
    protected override int PostsPerClientPerHour => 3;
}

public sealed class SubscriptionRateLimitTests(RateLimitedMailAppFixture app) : IClassFixture<RateLimitedMailAppFixture>
{
    [Fact]
    public async Task OneClientCannotPostMoreThanTheLimitAnHourAndIsToldWhy()
    {
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        string? refusal = null;
        string? retryAfter = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsync(new Uri("/subscriptions", UriKind.Relative),
                new FormUrlEncodedContent([KeyValuePair.Create("email", $"bomb{i}@example.com")]), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusal = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                retryAfter = response.Headers.GetValues("Retry-After").Single();
            }
        }

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Matches(@"^Too many requests from your address; please wait (59|60) minutes and try again\.$", refusal);
        Assert.InRange(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), 3500, 3600);
        Assert.Equal(3L, await Sql.ScalarAsync<long>(app.Database.ConnectionString, "SELECT count(*) FROM subscribers"));
    }
}
