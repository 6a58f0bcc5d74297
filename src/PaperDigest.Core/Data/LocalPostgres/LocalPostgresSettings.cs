namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>Where a local cluster keeps its data, and whether it is a throwaway one that may trade durability for speed.</summary>
public sealed record LocalPostgresSettings(string DataDirectory, bool Disposable = false);
