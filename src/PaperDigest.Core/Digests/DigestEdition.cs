using PaperDigest.Core.Subscriptions;

namespace PaperDigest.Core.Digests;

/// <summary>
/// One sending of the daily or weekly digest, named by the last listing day it covers. A run that finds no listing
/// day newer than the last edition's (a weekend, a source that stopped) creates no edition and sends nothing.
/// </summary>
public sealed class DigestEdition
{
    public long Id { get; set; }
    public DigestFrequency Frequency { get; set; }
    public DateOnly LastDay { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
