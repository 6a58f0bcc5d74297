namespace PaperDigest.Core.Papers;

/// <summary>
/// What an arXiv id in an address leads to: the paper, or the id it was merged into (the address should redirect
/// there), or nothing (not an id, or not a paper anyone shows).
/// </summary>
public sealed record PaperLookup(Paper? Paper, string? MergedInto)
{
    public static readonly PaperLookup Missing = new(null, null);
}
