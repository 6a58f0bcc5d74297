using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PaperDigest.Core;
using PaperDigest.Core.Site;
using PaperDigest.Web.Admin;
using PaperDigest.Web.Subscriptions;

namespace PaperDigest.Web.Security;

/// <summary>Settings under <c>RateLimits</c>: what one client address may do in a minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts: a person mistyping is fine, password guessing across accounts is not (lockout covers one account).</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerClientPerMinute { get; set; } = 10;

    /// <summary>Searches (pages, API and feed): generous, since search-as-you-type sends one per pause in typing.</summary>
    [Range(1, 1_000_000)]
    public int SearchesPerClientPerMinute { get; set; } = 300;
}

/// <summary>Settings under <c>Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>Subscription form posts (and token lookups) one client address may make an hour: enough for a person, not for a script.</summary>
    [Range(1, 1_000_000)]
    public int PostsPerClientPerHour { get; set; } = 30;
}

/// <summary>
/// Per-client limits on the endpoints worth abusing: subscription posts (mail bombing), sign-in (password guessing)
/// and search (the costliest query). Over a limit the answer is 429 with Retry-After and one sentence.
/// </summary>
internal static class RateLimits
{
    public static WebApplicationBuilder AddPaperDigestRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        builder.Services.AddValidatedOptions<SubscriptionOptions>(SubscriptionOptions.Section);
        builder.Services.AddRateLimiter(_ => { });
        // Configured from the validated settings when the limiter is first built, like every other option.
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, IOptions<SubscriptionOptions>>((limiter, limitOptions, postOptions) =>
        {
            var limits = limitOptions.Value;
            var posts = postOptions.Value.PostsPerClientPerHour;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SubscriptionEndpoints.RateLimitPolicy, context => PerClient(context, "subscriptions", posts, TimeSpan.FromHours(1)));
            // Sign-in and search are Blazor pages (and API/feed routes), so they are picked out by path.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(AdminSetup.SignInPath, StringComparison.OrdinalIgnoreCase)
                    ? PerClient(context, "sign-in", limits.SignInsPerClientPerMinute, TimeSpan.FromMinutes(1))
                    : IsSearch(context.Request)
                        ? PerClient(context, "search", limits.SearchesPerClientPerMinute, TimeSpan.FromMinutes(1))
                        : RateLimitPartition.GetNoLimiter("unlimited"));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogWarning("Rate limit reached for {Client} on {Path}", context.Connection.RemoteIpAddress, context.Request.Path);
                var sentence = $"Too many requests from your address; please wait {Wait(seconds)} and try again.";
                if (Api.ApiProblems.IsApi(context.Request))
                    await Api.ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, sentence);
                else
                    await context.Response.WriteAsync(sentence, cancellationToken);
            };
        });
        return builder;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string purpose, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter($"{purpose}:{context.Connection.RemoteIpAddress}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window });

    private static bool IsSearch(HttpRequest request) =>
        request.Path.StartsWithSegments("/" + SiteLinks.Search, StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/" + SiteLinks.SearchFeed, StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/api/papers", StringComparison.OrdinalIgnoreCase) && request.Query.ContainsKey("q"));

    private static string Wait(int seconds) => seconds >= 120 ? $"{seconds / 60} minutes" : $"{seconds} seconds";
}
