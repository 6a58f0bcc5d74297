using System.Threading.RateLimiting;

namespace PaperDigest.Web.Subscriptions;

/// <summary>Settings under <c>Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Subscription form posts (and token lookups) one client address may make an hour: enough for a person, not for a script.</summary>
    public int PostsPerClientPerHour { get; set; } = 30;
}

internal static class SubscriptionRateLimits
{
    public static WebApplicationBuilder AddSubscriptionRateLimits(this WebApplicationBuilder builder)
    {
        var limit = builder.Configuration.GetSection(SubscriptionOptions.Section).Get<SubscriptionOptions>()?.PostsPerClientPerHour
                    ?? new SubscriptionOptions().PostsPerClientPerHour;
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubscriptionEndpoints.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1) }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SubscriptionRateLimits))
                    .LogWarning("Rate limit reached for {Client} on {Path}", rejected.HttpContext.Connection.RemoteIpAddress, rejected.HttpContext.Request.Path);
                await rejected.HttpContext.Response.WriteAsync("Too many requests from your address; please wait an hour and try again.", cancellationToken);
            };
        });
        return builder;
    }
}
