using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PaperDigest.Core.Meaning;

/// <summary>A paper found by meaning, and its cosine similarity to what was asked.</summary>
public readonly record struct NearPaper(string ArxivId, float Similarity);

/// <summary>
/// Every paper's vector, held in memory quantised to one signed byte per component (384 bytes a paper, plus one float
/// scale and the id, for the local model's 384 components), and searched exactly: each query is compared with every vector, split across the cores. At
/// 1,000,000 papers that is about 440 MB, and a scan reads 384 MB (measured in docs/benchmarks.md). Loaded from
/// PostgreSQL at start and kept current on every instance by <see cref="PaperVectorLoader"/>.
/// </summary>
public sealed class PaperVectorIndex(int dimensions = LocalEmbeddingGenerator.Dimensions)
{
    /// <summary>Components of every vector held: the model's (Embeddings:Dimensions).</summary>
    public int Dimensions { get; } = dimensions;

    // Below this many vectors one core scans faster than two can be started.
    private const int ParallelFrom = 50_000;

    private readonly Lock writing = new();
    private readonly ConcurrentDictionary<string, int> positions = new(StringComparer.Ordinal);
    private volatile Store store = new(new string[1024], new sbyte[1024 * dimensions], new float[1024], 0);

    // Readers take the store as one reference and read only below its count; a writer appends past the count, then
    // publishes a store with the larger count, or copies into larger arrays first.
    private sealed record Store(string[] Ids, sbyte[] Codes, float[] Scales, int Count);

    /// <summary>Papers with a vector here.</summary>
    public int Count => store.Count;

    /// <summary>False until the first load from the database has finished: until then search and related papers use words only.</summary>
    public bool IsReady { get; private set; }

    internal void MarkReady() => IsReady = true;

    /// <summary>Bytes held for the vectors (codes, scales and ids' references; not the id strings themselves).</summary>
    public long VectorBytes => (long)store.Count * (Dimensions + sizeof(float) + IntPtr.Size);

    public bool Contains(string arxivId) => positions.ContainsKey(arxivId);

    /// <summary>Adds or replaces a paper's vector, which must have unit length.</summary>
    public void Set(string arxivId, ReadOnlySpan<float> vector)
    {
        ArgumentNullException.ThrowIfNull(arxivId);
        if (vector.Length != Dimensions)
            throw new ArgumentException($"A vector needs {Dimensions} components; this one has {vector.Length}.", nameof(vector));
        lock (writing)
        {
            var current = store;
            if (!positions.TryGetValue(arxivId, out var position))
            {
                position = current.Count;
                if (position == current.Ids.Length)
                {
                    var capacity = current.Ids.Length * 2;
                    var ids = new string[capacity];
                    var codes = new sbyte[capacity * Dimensions];
                    var scales = new float[capacity];
                    Array.Copy(current.Ids, ids, position);
                    Array.Copy(current.Codes, codes, position * Dimensions);
                    Array.Copy(current.Scales, scales, position);
                    current = current with { Ids = ids, Codes = codes, Scales = scales };
                }
                current.Ids[position] = arxivId;
            }
            current.Scales[position] = Quantize(vector, current.Codes.AsSpan(position * Dimensions, Dimensions));
            if (position == current.Count)
            {
                store = current with { Count = position + 1 };
                positions[arxivId] = position;
            }
        }
    }

    /// <summary>The paper's vector as stored here (quantised, so within about 1% of the original), or null.</summary>
    public float[]? VectorOf(string arxivId)
    {
        if (!positions.TryGetValue(arxivId, out var position))
            return null;
        var current = store;
        var codes = current.Codes.AsSpan(position * Dimensions, Dimensions);
        var scale = current.Scales[position];
        var vector = new float[Dimensions];
        for (var i = 0; i < Dimensions; i++)
            vector[i] = codes[i] * scale;
        return vector;
    }

    /// <summary>The <paramref name="count"/> papers most similar to <paramref name="query"/>, most similar first.</summary>
    public IReadOnlyList<NearPaper> Nearest(ReadOnlySpan<float> query, int count, Func<string, bool>? skip = null)
    {
        if (query.Length != Dimensions)
            throw new ArgumentException($"A query needs {Dimensions} components; this one has {query.Length}.", nameof(query));
        var current = store;
        if (current.Count == 0 || count <= 0)
            return [];
        var queryCodes = new sbyte[Dimensions];
        var queryScale = Quantize(query, queryCodes);

        var parts = current.Count >= ParallelFrom ? Math.Min(Environment.ProcessorCount, 8) : 1;
        var best = new TopList[parts];
        var size = (current.Count + parts - 1) / parts;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            var top = new TopList(count + (skip is null ? 0 : 16));
            var end = Math.Min(current.Count, (part + 1) * size);
            for (var i = part * size; i < end; i++)
                top.Offer(i, Dot(queryCodes, current.Codes.AsSpan(i * Dimensions, Dimensions)) * current.Scales[i]);
            best[part] = top;
        });
        return best.SelectMany(top => top.Items)
            .OrderByDescending(item => item.Score)
            .Select(item => new NearPaper(current.Ids[item.Position], item.Score * queryScale))
            .Where(near => skip is null || !skip(near.ArxivId))
            .Take(count)
            .ToList();
    }

    // Symmetric linear quantisation: the largest component becomes ±127. Returns the scale back to floats.
    private static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = 0f;
        foreach (var component in vector)
            largest = Math.Max(largest, Math.Abs(component));
        if (largest == 0)
        {
            codes.Clear();
            return 0;
        }
        var scale = largest / 127f;
        for (var i = 0; i < vector.Length; i++)
            codes[i] = (sbyte)Math.Round(vector[i] / scale);
        return scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var total = 0;
        if (Avx2.IsSupported)
        {
            var sum = Vector256<int>.Zero;
            ref var left = ref MemoryMarshal.GetReference(a);
            ref var right = ref MemoryMarshal.GetReference(b);
            // 16 components a step: widened to 16-bit, multiplied and added in pairs into eight 32-bit sums.
            for (; i <= a.Length - 16; i += 16)
            {
                var x = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref left, (nuint)i));
                var y = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref right, (nuint)i));
                sum = Avx2.Add(sum, Avx2.MultiplyAddAdjacent(x, y));
            }
            total = Vector256.Sum(sum);
        }
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    // The best few of a scan: a min-heap, so a candidate is compared with the worst kept one only.
    private sealed class TopList(int capacity)
    {
        private readonly PriorityQueue<int, float> heap = new(capacity + 1);

        public IEnumerable<(int Position, float Score)> Items => heap.UnorderedItems.Select(item => (item.Element, item.Priority));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Offer(int position, float score)
        {
            if (heap.Count < capacity)
                heap.Enqueue(position, score);
            else if (heap.TryPeek(out _, out var worst) && score > worst)
                heap.DequeueEnqueue(position, score);
        }
    }
}
