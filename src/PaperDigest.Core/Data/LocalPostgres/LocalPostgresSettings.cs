namespace PaperDigest.Core.Data.LocalPostgres;

/// <summary>Where a local cluster keeps its data, and whether it is a throwaway one that may trade durability for speed.</summary>
/// <param name="Port">The port to listen on; null picks a free one. A restart that clients must find again passes the old port.</param>
public sealed record LocalPostgresSettings(string DataDirectory, bool Disposable = false, int? Port = null);
