using PaperDigest.Core.Papers;

namespace PaperDigest.Core.Site;

/// <summary>
/// The site map: every public address the app serves, as links relative to the site's base address (pages carry
/// <c>&lt;base href="/"&gt;</c>; emails, feeds and the API make them absolute with <see cref="SiteAddress"/>). Pages,
/// endpoints, emails, feeds and log redaction all build their addresses here, and only here.
/// </summary>
public static class SiteLinks
{
    public const string Home = "";
    public const string Trending = "papers/trending";
    public const string Tags = "tags";
    public const string Search = "search";
    public const string Subscribe = "subscribe";
    public const string Subscriptions = "subscriptions";
    public const string DigestArchive = "digests";
    public const string DigestPreview = "digest/preview";
    public const string DailyFeed = "feeds/daily.atom";
    public const string TrendingFeed = "feeds/trending.atom";
    public const string SearchFeed = "feeds/search.atom";
    public const string Arxiv = "arxiv";

    /// <summary>Every address that carries a subscriber's secret token starts with this (see <see cref="SubscriberPage"/>).</summary>
    public const string SubscriberPrefix = "subscription";

    // Old-style ids contain a slash (hep-th/9901001); the route takes the rest of the path, so it is not escaped.
    public static string PaperPage(string arxivId) => "papers/" + arxivId;

    public static string Thumbnail(string arxivId) => "thumbnails/" + arxivId;

    public static string ApiPaper(string arxivId) => "api/papers/" + arxivId;

    public static string TagPage(string slug) => "tags/" + Uri.EscapeDataString(slug);

    public static string TagFeed(string slug) => $"feeds/tags/{Uri.EscapeDataString(slug)}.atom";

    public static string SearchFor(string? query) => "search?q=" + Uri.EscapeDataString(query ?? "");

    public static string DayPage(DateOnly day) => PeriodPage(ListingPeriod.Of(PeriodKind.Day, day));

    public static string PeriodPage(ListingPeriod period) => period.Kind switch
    {
        PeriodKind.Week => "papers/week/" + period.Key,
        PeriodKind.Month => "papers/month/" + period.Key,
        _ => "papers/date/" + period.Key,
    };

    /// <summary>An arXiv category's latest announcement day, or the day given.</summary>
    public static string ArxivDay(string category, DateOnly? day = null) =>
        $"{Arxiv}/{Uri.EscapeDataString(category)}{(day is { } shown ? "/" + shown.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}";

    public static string ArxivFeed(string category) => $"feeds/arxiv/{Uri.EscapeDataString(category)}.atom";

    /// <summary>An archived edition: YYYY-MM-DD for the daily edition of that day, YYYY-MM-DD-weekly for the weekly one.</summary>
    public static string DigestEdition(DateOnly lastDay, bool weekly) => $"digests/{lastDay:yyyy-MM-dd}{(weekly ? "-weekly" : "")}";

    /// <summary>A subscriber's own page, opened by the secret token in their emails.</summary>
    public static string SubscriberPage(string token) => $"{SubscriberPrefix}/{token}";

    /// <summary>One of the subscriber page's form posts (preferences, pause, resume, unsubscribe, delete) or data.json.</summary>
    public static string SubscriberAction(string token, string action) => $"{SubscriberPrefix}/{token}/{action}";

    /// <summary>"more/2405.15738": a subscriber's feedback on a paper, after their page's address.</summary>
    public static string FeedbackAction(Interests.ReadingSignal signal, string arxivId) =>
        (signal == Interests.ReadingSignal.More ? "more/" : "fewer/") + arxivId;

    /// <summary>The page where a subscriber says "more like this" or "fewer like this" (GET shows a button, POST records).</summary>
    public static string Feedback(string token, Interests.ReadingSignal signal, string arxivId) => SubscriberAction(token, FeedbackAction(signal, arxivId));

    /// <summary>The one-click unsubscribe address of RFC 8058 (POST), which shows a button on GET.</summary>
    public static string Unsubscribe(string token) => SubscriberAction(token, "unsubscribe");

    public static string Confirm(string token) => $"{SubscriberPrefix}/confirm/{token}";

    /// <summary>The subscribe page showing the outcome of a form post, such as <c>sent=true</c> or <c>problem=link</c>.</summary>
    public static string SubscribeShowing(string notice) => $"{Subscribe}?{notice}";

    /// <summary>A subscriber's page showing the outcome of one of its buttons, such as <c>done=paused</c>.</summary>
    public static string SubscriberPageShowing(string token, string notice) => $"{SubscriberPage(token)}?{notice}";

    /// <summary>Route templates of the addresses that carry a subscriber's token, for the pages and endpoints that serve them.</summary>
    public static class Routes
    {
        public const string SubscriberPage = "/" + SubscriberPrefix + "/{token}";
        public const string Unsubscribe = SubscriberPage + "/unsubscribe";
        // Catch-all: old arXiv ids have a slash (hep-th/9901001).
        public const string MoreLikeThis = SubscriberPage + "/more/{*arxivId}";
        public const string FewerLikeThis = SubscriberPage + "/fewer/{*arxivId}";
        public const string Confirm = "/" + SubscriberPrefix + "/confirm/{token}";
        public const string Subscriptions = "/" + SiteLinks.Subscriptions;
    }

    /// <summary>The same link as an absolute path, for redirects an endpoint answers with.</summary>
    public static string Rooted(string link) => "/" + link;
}
