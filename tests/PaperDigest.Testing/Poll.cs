namespace PaperDigest.Testing;

/// <summary>Waiting for something another process or thread does, without guessing how long it takes.</summary>
public static class Poll
{
    /// <summary>Checks <paramref name="condition"/> every 50 ms; throws, naming <paramref name="what"/>, if it is still false after the timeout (60 s unless given).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
