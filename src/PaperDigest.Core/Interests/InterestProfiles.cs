using Microsoft.EntityFrameworkCore;
using PaperDigest.Core.Data;
using PaperDigest.Core.Meaning;
using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Interests;

/// <summary>
/// Builds readers' <see cref="InterestProfile"/>s from their feedback and topic, and reads the vectors a digest's
/// candidates are weighed by. With embedding off, or before papers are embedded, profiles are empty and digests keep
/// the trending order and the tag filter.
/// </summary>
public sealed class InterestProfiles(PaperDigestDbContext db, SemanticSearch meaning, PaperEmbedder embedder)
{
    /// <summary>The profiles of a batch of subscribers, in two queries and one embedding per distinct topic.</summary>
    public async Task<Dictionary<long, InterestProfile>> ForSubscribersAsync(IReadOnlyDictionary<long, SubscriberPreferences> readers,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readers);
        var ids = readers.Keys.ToArray();
        var model = embedder.Model;
        var feedback = (await db.Database.SqlQuery<FeedbackRow>($"""
                SELECT f.subscriber_id, f.arxiv_id, f.signal, p.title, e.vector
                FROM paper_feedback f JOIN papers p ON p.arxiv_id = f.arxiv_id JOIN paper_embeddings e ON e.arxiv_id = f.arxiv_id
                WHERE f.subscriber_id = ANY({ids}) AND e.model = {model}
                ORDER BY f.recorded_at DESC
                """).ToListAsync(cancellationToken))
            .ToLookup(f => f.SubscriberId);
        var profiles = new Dictionary<long, InterestProfile>();
        foreach (var (id, preferences) in readers)
        {
            var said = feedback[id].ToList();
            profiles[id] = new InterestProfile(
                said.Where(f => f.Signal == nameof(ReadingSignal.More)).Select(f => new LikedPaper(f.ArxivId, f.Title, f.Vector)).ToList(),
                said.Where(f => f.Signal == nameof(ReadingSignal.Fewer)).Select(f => f.Vector).ToList(),
                await TopicVectorAsync(preferences.Topic, cancellationToken));
        }
        return profiles;
    }

    /// <summary>The profile of preferences alone (the preview): their topic, no feedback.</summary>
    public async Task<InterestProfile> ForPreferencesAsync(SubscriberPreferences preferences, CancellationToken cancellationToken) =>
        new([], [], await TopicVectorAsync(preferences.Topic, cancellationToken));

    /// <summary>The current model's vectors of these papers (those that have one).</summary>
    public async Task<IReadOnlyDictionary<string, float[]>> VectorsAsync(IReadOnlyCollection<string> arxivIds, CancellationToken cancellationToken)
    {
        var ids = arxivIds.ToArray();
        var model = embedder.Model;
        return await db.PaperEmbeddings.AsNoTracking().Where(e => ids.Contains(e.ArxivId) && e.Model == model)
            .ToDictionaryAsync(e => e.ArxivId, e => e.Vector, StringComparer.Ordinal, cancellationToken);
    }

    // A model that cannot be reached leaves the topic matching nothing in this run, rather than stopping the digest.
    private async Task<float[]?> TopicVectorAsync(string? topic, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(topic) || !meaning.CanEmbed ? null : await meaning.TryEmbedAsync(topic, cancellationToken);

    private sealed record FeedbackRow(long SubscriberId, string ArxivId, string Signal, string Title, float[] Vector);
}
