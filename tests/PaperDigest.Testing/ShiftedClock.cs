namespace PaperDigest.Testing;

/// <summary>
/// The real clock moved to a chosen time, and moved on by <see cref="Advance"/>: delays and timers run in real time
/// (so code that waits briefly still finishes), while "now" can jump past a lease or a weekend.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private TimeSpan offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}
