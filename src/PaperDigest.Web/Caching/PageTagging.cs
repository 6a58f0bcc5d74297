using Microsoft.AspNetCore.OutputCaching;
using PaperDigest.Core.Papers;

namespace PaperDigest.Web.Caching;

/// <summary>How a page or an answer says what it shows, so a change evicts it only when it touches that.</summary>
internal static class PageTagging
{
    /// <summary>Caches this response under <paramref name="tags"/> (see <see cref="PageTags"/>), besides the tags it has.</summary>
    public static void CacheAs(this HttpContext context, IEnumerable<string> tags)
    {
        // Absent for responses the output cache does not handle (admin and subscribers' pages); nothing to tag then.
        if (context.Features.Get<IOutputCacheFeature>() is { } cache)
            cache.Context.Tags.UnionWith(tags);
    }

    /// <summary>Caches a period's answer under each of its days, so a change on any of them evicts it.</summary>
    public static void CacheAsDaysOf(this HttpContext context, ListingPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var days = new List<string>();
        for (var day = period.First; day <= period.Last; day = day.AddDays(1))
            days.Add(PageTags.Day(day));
        context.CacheAs(days);
    }
}

/// <summary>
/// A response that named nothing narrower than the site (a day, a paper, a tag) is cached as one of the
/// <see cref="PageTags.Lists"/>, which every change to a paper evicts: a page nobody tagged is never left stale.
/// </summary>
internal sealed class ListsUnlessNarrowPolicy : IOutputCachePolicy
{
    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (!PageTags.AreNarrow(context.Tags))
            context.Tags.Add(PageTags.Lists);
        return ValueTask.CompletedTask;
    }
}
