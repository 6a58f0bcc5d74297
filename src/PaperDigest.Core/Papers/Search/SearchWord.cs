namespace PaperDigest.Core.Papers.Search;

/// <summary>
/// One word that occurs in some paper's title or author names, lowercased and unaccented: the vocabulary a
/// misspelt query is corrected against (see <see cref="SearchVocabulary"/>).
/// </summary>
public sealed class SearchWord
{
    public required string Word { get; set; }
}
