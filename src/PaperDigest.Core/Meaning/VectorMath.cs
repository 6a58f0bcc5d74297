using System.Numerics;

namespace PaperDigest.Core.Meaning;

/// <summary>Arithmetic on embedding vectors, which have unit length, so a dot product is their cosine similarity.</summary>
public static class VectorMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("Vectors of different lengths cannot be compared; were they made by different models?", nameof(b));
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    /// <summary>The vector scaled to length 1 (a zero vector stays zero).</summary>
    public static float[] UnitLength(ReadOnlySpan<float> vector)
    {
        var length = MathF.Sqrt(Dot(vector, vector));
        var unit = vector.ToArray();
        if (length > 0)
        {
            for (var i = 0; i < unit.Length; i++)
                unit[i] /= length;
        }
        return unit;
    }
}
