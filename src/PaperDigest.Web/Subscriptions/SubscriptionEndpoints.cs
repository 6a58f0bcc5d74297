using PaperDigest.Core.Ingestion;
using Microsoft.Extensions.Options;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PaperDigest.Core;
using PaperDigest.Core.Data;
using PaperDigest.Core.Interests;
using PaperDigest.Core.Site;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Web.Subscriptions;

/// <summary>
/// The form posts of subscribing and of a subscriber's own page. None takes an antiforgery token: the subscribe form
/// sits on cached pages (a token would set a cookie), and every other post is addressed by the secret token in its
/// URL, which a forging site cannot know. Posts a browser says came from another site are refused instead
/// (<see cref="SameOriginPosts"/>). RFC 8058 requires the one-click unsubscribe to work with no cookie at all.
/// </summary>
internal static class SubscriptionEndpoints
{
    public const string RateLimitPolicy = "subscription-posts";

    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("").DisableAntiforgery().RequireRateLimiting(RateLimitPolicy);
        // RFC 8058: mail providers post the one-click unsubscribe from their own servers, so it takes posts from anywhere.
        // Order -1: these paths also have Blazor pages (GET shows a button); the pages' POST handling must not win.
        open.MapPost(SiteLinks.Routes.Unsubscribe, UnsubscribeAsync).WithOrder(-1);
        var posts = open.MapGroup("").RequireSameOrigin();
        posts.MapPost(SiteLinks.Routes.Subscriptions, SubscribeAsync);
        posts.MapPost(SiteLinks.Routes.Confirm, ConfirmAsync).WithOrder(-1);
        posts.MapPost(SiteLinks.Routes.SubscriberPage + "/preferences", UpdatePreferencesAsync);
        posts.MapPost(SiteLinks.Routes.SubscriberPage + "/pause", (string token, SubscriptionService service, CancellationToken ct) =>
            Done(token, service.PauseAsync(token, ct), "paused"));
        posts.MapPost(SiteLinks.Routes.SubscriberPage + "/resume", (string token, SubscriptionService service, CancellationToken ct) =>
            Done(token, service.ResumeAsync(token, ct), "resumed"));
        posts.MapPost(SiteLinks.Routes.SubscriberPage + "/delete", DeleteAsync);
        posts.MapPost(SiteLinks.Routes.MoreLikeThis, (string token, string arxivId, ReaderFeedback feedback, CancellationToken ct) =>
            RecordAsync(token, arxivId, ReadingSignal.More, feedback, ct)).WithOrder(-1);
        posts.MapPost(SiteLinks.Routes.FewerLikeThis, (string token, string arxivId, ReaderFeedback feedback, CancellationToken ct) =>
            RecordAsync(token, arxivId, ReadingSignal.Fewer, feedback, ct)).WithOrder(-1);
        posts.MapPost(SiteLinks.Routes.SubscriberPage + "/forget", (string token, ReaderFeedback feedback, CancellationToken ct) =>
            Done(token, feedback.ResetAsync(token, ct), "forgotten"));
        app.MapGet(SiteLinks.Routes.SubscriberPage + "/data.json", ExportAsync).RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    private static async Task<IResult> SubscribeAsync(HttpRequest request, PaperDigestDbContext db, IOptions<IngestionOptions> ingestion, SubscriptionService service, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return ToSubscribe("problem=form");
        var form = await request.ReadFormAsync(cancellationToken);
        var email = SubscriptionInput.NormalizeEmail(form["email"]);
        var preferences = await PreferencesAsync(form, db, ingestion.Value, cancellationToken);
        if (email is null)
            return ToSubscribe("problem=email");
        if (preferences is null)
            return ToSubscribe("problem=preferences");
        var outcome = await service.SubscribeAsync(email, preferences, cancellationToken);
        loggers.CreateLogger(typeof(SubscriptionEndpoints)).LogInformation("Subscribe form answered {Outcome}", outcome);
        return ToSubscribe(outcome == SubscribeOutcome.MailFailed ? "problem=mail" : "sent=true");
    }

    private static async Task<IResult> ConfirmAsync(string token, SubscriptionService service, CancellationToken cancellationToken) =>
        ToSubscribe(await service.ConfirmAsync(token, cancellationToken) is null ? "problem=link" : "confirmed=true");

    // A mail program's one-click POST (body "List-Unsubscribe=One-Click") gets a plain 200; a person's button a page.
    private static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, SubscriptionService service, CancellationToken cancellationToken)
    {
        var unsubscribed = await service.UnsubscribeAsync(token, cancellationToken);
        var oneClick = request.HasFormContentType && (await request.ReadFormAsync(cancellationToken))["List-Unsubscribe"] == "One-Click";
        if (oneClick)
            // With a body, so the status-code page (which would re-run this POST against a Blazor page) stays out of it.
            return unsubscribed.Succeeded ? Results.Text("Unsubscribed.") : Results.Text(unsubscribed.Problem, statusCode: StatusCodes.Status404NotFound);
        return unsubscribed.Succeeded ? ToSubscriberPage(token, "done=unsubscribed") : ToSubscribe("problem=link");
    }

    private static async Task<IResult> UpdatePreferencesAsync(string token, HttpRequest request, PaperDigestDbContext db, IOptions<IngestionOptions> ingestion, SubscriptionService service,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return ToSubscriberPage(token, "problem=preferences");
        var preferences = await PreferencesAsync(await request.ReadFormAsync(cancellationToken), db, ingestion.Value, cancellationToken);
        if (preferences is null)
            return ToSubscriberPage(token, "problem=preferences");
        return await Done(token, service.UpdatePreferencesAsync(token, preferences, cancellationToken), "saved");
    }

    // The subscribe form and the subscriber's page send the same fields; tags must be the site's own, categories followed ones.
    private static async Task<SubscriberPreferences?> PreferencesAsync(IFormCollection form, PaperDigestDbContext db, IngestionOptions ingestion,
        CancellationToken cancellationToken)
    {
        var knownTags = (await db.Tags.Select(t => t.Slug).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return SubscriptionInput.ParsePreferences(
            new PreferenceForm(form["frequency"], form["tags"].OfType<string>().ToList(), form["min"], form["max"], form["arxiv"], form["categories"].OfType<string>().ToList(),
                form["topic"], form["closeness"]),
            knownTags, ingestion.Arxiv.FollowedCategories.ToHashSet(StringComparer.Ordinal));
    }

    // Back to the page the button was on, which then says it was recorded.
    private static async Task<IResult> RecordAsync(string token, string arxivId, ReadingSignal signal, ReaderFeedback feedback, CancellationToken cancellationToken)
    {
        var recorded = await feedback.RecordAsync(token, arxivId, signal, cancellationToken);
        return recorded.Succeeded ? new SeeOtherResult(SiteLinks.Rooted(SiteLinks.Feedback(token, signal, arxivId)) + "?done=recorded")
            : recorded == ReaderFeedback.UnknownPaper ? new SeeOtherResult(SiteLinks.Rooted(SiteLinks.Feedback(token, signal, arxivId)) + "?problem=paper")
            : ToSubscribe("problem=link");
    }

    private static async Task<IResult> DeleteAsync(string token, SubscriptionService service, CancellationToken cancellationToken) =>
        ToSubscribe((await service.DeleteAsync(token, cancellationToken)).Succeeded ? "deleted=true" : "problem=link");

    private static async Task<IResult> ExportAsync(string token, HttpResponse response, SubscriptionService service, CancellationToken cancellationToken)
    {
        if (await service.ExportAsync(token, cancellationToken) is not { } data)
            return Results.NotFound();
        response.Headers.CacheControl = "no-store";
        return Results.File(JsonSerializer.SerializeToUtf8Bytes(data, JsonOptions), "application/json", "paperdigest-subscription.json");
    }

    private static async Task<IResult> Done(string token, Task<Outcome> change, string done) =>
        (await change).Succeeded ? ToSubscriberPage(token, "done=" + done) : ToSubscribe("problem=link");

    // 303, so the browser follows a form post with a GET and a reload does not post again.
    private static SeeOtherResult ToSubscribe(string notice) => new(SiteLinks.Rooted(SiteLinks.SubscribeShowing(notice)));

    private static SeeOtherResult ToSubscriberPage(string token, string notice) => new(SiteLinks.Rooted(SiteLinks.SubscriberPageShowing(token, notice)));

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
