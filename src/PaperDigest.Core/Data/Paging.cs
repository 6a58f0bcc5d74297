namespace PaperDigest.Core.Data;

public static class Paging
{
    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="size"/> rows of an ordered query.</summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> ordered, int page, int size) => ordered.Skip((Math.Max(page, 1) - 1) * size).Take(size);
}
