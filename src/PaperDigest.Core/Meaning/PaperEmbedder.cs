using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PaperDigest.Core.Data;

namespace PaperDigest.Core.Meaning;

/// <summary>Where a backfill stands: papers embedded so far, papers left, and the rate so far.</summary>
public sealed record EmbeddingProgress(int Embedded, int Remaining, TimeSpan Elapsed)
{
    public double PapersPerSecond => Elapsed.TotalSeconds > 0 ? Embedded / Elapsed.TotalSeconds : 0;

    public TimeSpan? TimeLeft => PapersPerSecond > 0 ? TimeSpan.FromSeconds(Remaining / PapersPerSecond) : null;
}

/// <summary>
/// Embeds the papers that have no vector of the current model, or whose text changed since theirs was made, newest
/// first, a batch at a time; each batch is written (and announced on <see cref="Channel"/>) as soon as it is made, so a
/// stopped run resumes where it stopped. One process embeds at a time (a PostgreSQL advisory lock): the others would
/// only repeat its work.
/// </summary>
public sealed class PaperEmbedder(DatabaseConnection connection, IEmbeddingGenerator<string, Embedding<float>> generator,
    IOptions<EmbeddingOptions> options, TimeProvider clock, ILogger<PaperEmbedder> logger)
{
    /// <summary>Carries the ids of papers whose vectors were written, to every instance's <see cref="PaperVectorIndex"/>.</summary>
    public const string Channel = "paperdigest_vectors";

    private const long LockKey = 0x7061_7065_7276_6563; // "papervec"

    public string Model => generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    /// <summary>Papers without an up-to-date vector: the backlog the admin's sources page shows.</summary>
    public async Task<int> CountPendingAsync(CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand($"SELECT count(*)::int FROM papers p LEFT JOIN paper_embeddings e ON e.arxiv_id = p.arxiv_id WHERE {Pending}", db);
        count.Parameters.Add(new NpgsqlParameter { Value = Model });
        return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Embeds the whole backlog; returns the number embedded, or null when another process holds the lock (it is
    /// embedding them already).
    /// </summary>
    public async Task<int?> EmbedPendingAsync(IProgress<EmbeddingProgress>? progress, CancellationToken cancellationToken)
    {
        await using var db = await OpenAsync(cancellationToken);
        await using (var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockKey})", db))
        {
            if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
                return null;
        }
        try
        {
            var started = Stopwatch.StartNew();
            var embedded = 0;
            // Counting the backlog reads every paper; only a progress bar needs it, not the worker woken by each change.
            var remaining = progress is null ? 0 : await CountPendingAsync(cancellationToken);
            progress?.Report(new EmbeddingProgress(0, remaining, TimeSpan.Zero));
            while (true)
            {
                var batch = await NextBatchAsync(db, cancellationToken);
                if (batch.Count == 0)
                    break;
                var vectors = await generator.GenerateAsync(batch.Select(p => p.Text), cancellationToken: cancellationToken);
                await WriteAsync(db, batch, vectors, cancellationToken);
                embedded += batch.Count;
                remaining = Math.Max(0, remaining - batch.Count);
                progress?.Report(new EmbeddingProgress(embedded, remaining, started.Elapsed));
            }
            if (embedded > 0)
                logger.LogInformation("Embedded {Count} papers with {Model} in {Elapsed}", embedded, Model, started.Elapsed);
            return embedded;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockKey})", db);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    // No vector, another model's, or one older than the paper's text. Hidden papers are embedded too: unhiding one
    // should not wait for a backfill.
    private const string Pending = "(e.arxiv_id IS NULL OR e.model <> $1 OR e.described_at < p.updated_at)";

    private sealed record PendingPaper(string ArxivId, string Text, DateTimeOffset UpdatedAt);

    private async Task<List<PendingPaper>> NextBatchAsync(NpgsqlConnection db, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand($"""
            SELECT p.arxiv_id, p.title, p.ai_keywords, p.abstract, p.updated_at
            FROM papers p LEFT JOIN paper_embeddings e ON e.arxiv_id = p.arxiv_id
            WHERE {Pending}
            ORDER BY p.first_seen_at DESC, p.arxiv_id
            LIMIT $2
            """, db);
        select.Parameters.Add(new NpgsqlParameter { Value = Model });
        select.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
        var batch = new List<PendingPaper>();
        await using var rows = await select.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
            batch.Add(new PendingPaper(rows.GetString(0), PaperText.ForEmbedding(rows.GetString(1), rows.GetFieldValue<string[]>(2), rows.GetString(3)),
                rows.GetFieldValue<DateTimeOffset>(4)));
        return batch;
    }

    private async Task WriteAsync(NpgsqlConnection db, List<PendingPaper> batch, GeneratedEmbeddings<Embedding<float>> vectors, CancellationToken cancellationToken)
    {
        // A hosted model with another size than configured would fill the index with vectors it cannot compare.
        if (vectors.FirstOrDefault(v => v.Vector.Length != options.Value.Dimensions) is { } odd)
            throw new InvalidOperationException(
                $"The embedding model returned {odd.Vector.Length} components, but Embeddings:Dimensions is {options.Value.Dimensions}; set it to {odd.Vector.Length} and restart.");
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        for (var i = 0; i < batch.Count; i++)
        {
            // A paper merged away while it was embedded has no row to point at any more, and is skipped.
            await using var upsert = new NpgsqlCommand("""
                INSERT INTO paper_embeddings (arxiv_id, model, vector, described_at, embedded_at)
                SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM papers WHERE arxiv_id = $1)
                ON CONFLICT (arxiv_id) DO UPDATE SET model = excluded.model, vector = excluded.vector,
                    described_at = excluded.described_at, embedded_at = excluded.embedded_at
                """, db, transaction);
            upsert.Parameters.Add(new NpgsqlParameter { Value = batch[i].ArxivId });
            upsert.Parameters.Add(new NpgsqlParameter { Value = Model });
            upsert.Parameters.Add(new NpgsqlParameter { Value = vectors[i].Vector.ToArray() });
            upsert.Parameters.Add(new NpgsqlParameter { Value = batch[i].UpdatedAt });
            upsert.Parameters.Add(new NpgsqlParameter { Value = now });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        await DatabaseNotifications.SendAsync(db, Channel, batch.Select(p => p.ArxivId), cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync(cancellationToken);
        return db;
    }
}
