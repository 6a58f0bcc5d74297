namespace PaperDigest.Core.Data;

/// <summary>SQL functions the migrations create, callable in LINQ queries.</summary>
public static class SearchFunctions
{
    /// <summary>Maps to <c>paperdigest_unaccent(text)</c>: queries are unaccented the same way the search vector is.</summary>
    public static string Unaccent(string text) => throw new NotSupportedException("paperdigest_unaccent runs only inside database queries.");
}
