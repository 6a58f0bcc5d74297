namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>
/// One request at a time per host, with a pause between them (arXiv asks for at least 3 s). It sits inside the
/// resilience pipeline, so retries keep the pace too. The pace lives in <see cref="HostPacer"/>, a singleton,
/// because the HTTP client factory recycles handlers every few minutes.
/// </summary>
internal sealed class PolitenessHandler(HostPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri!.Authority;
        await pacer.WaitForTurnAsync(host, cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            pacer.EndTurn(host);
        }
    }
}

/// <summary>Per-host turns: one request at a time, and a configured pause after each.</summary>
internal sealed class HostPacer(Func<string, TimeSpan> delayForHost, TimeProvider clock) : IDisposable
{
    private readonly Dictionary<string, HostTurns> hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task WaitForTurnAsync(string host, CancellationToken cancellationToken)
    {
        HostTurns turns;
        lock (hosts)
        {
            if (!hosts.TryGetValue(host, out turns!))
                hosts[host] = turns = new HostTurns();
        }
        await turns.Gate.WaitAsync(cancellationToken);
        var wait = turns.NextAllowed - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                turns.Gate.Release();
                throw;
            }
        }
    }

    public void EndTurn(string host)
    {
        HostTurns turns;
        lock (hosts)
            turns = hosts[host];
        turns.NextAllowed = clock.GetUtcNow() + delayForHost(host);
        turns.Gate.Release();
    }

    public void Dispose()
    {
        foreach (var turns in hosts.Values)
            turns.Gate.Dispose();
    }

    private sealed class HostTurns
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public DateTimeOffset NextAllowed { get; set; } = DateTimeOffset.MinValue;
    }
}
