namespace MusiVault.FakeSpotify;

/// <summary>One request the fake answered (control endpoints under /_fake are not logged).</summary>
/// <param name="Sequence">Order of arrival, from 1.</param>
/// <param name="Route">Method and route template, e.g. "GET /v1/playlists/{id}/items"; unmatched paths use the raw path.</param>
/// <param name="Fault">The injected fault, or null.</param>
public sealed record FakeRequest(
    long Sequence,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string Method,
    string PathAndQuery,
    string Route,
    int StatusCode,
    FaultKind? Fault);

/// <summary>Thread-safe request log and counters per route.</summary>
public sealed class FakeRequestLog
{
    private readonly object gate = new();
    private readonly List<FakeRequest> log = [];
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private long sequence;
    private int inFlight;
    private int maxInFlight;
    private TaskCompletionSource logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Most requests being served at the same time since the last reset.</summary>
    public int MaxConcurrent
    {
        get
        {
            lock (gate)
            {
                return maxInFlight;
            }
        }
    }

    public int InFlight
    {
        get
        {
            lock (gate)
            {
                return inFlight;
            }
        }
    }

    /// <summary>Requests counted since the last reset.</summary>
    public int Total
    {
        get
        {
            lock (gate)
            {
                return counts.Values.Sum();
            }
        }
    }

    /// <summary>Requests per route key ("GET /v1/me/tracks") since the last reset.</summary>
    public IReadOnlyDictionary<string, int> Counts
    {
        get
        {
            lock (gate)
            {
                return new SortedDictionary<string, int>(counts, StringComparer.Ordinal);
            }
        }
    }

    public int Count(string route)
    {
        lock (gate)
        {
            return counts.GetValueOrDefault(route);
        }
    }

    /// <summary>A copy of the log, in order of arrival.</summary>
    public IReadOnlyList<FakeRequest> Snapshot()
    {
        lock (gate)
        {
            return log.ToArray();
        }
    }

    public IReadOnlyList<FakeRequest> For(string route)
    {
        lock (gate)
        {
            return log.Where(r => r.Route == route).ToArray();
        }
    }

    /// <summary>
    /// The completed requests of <paramref name="route"/> once the log holds at least <paramref name="count"/> of them
    /// (a response reaches the client a moment before its log entry); TimeoutException after <paramref name="timeout"/>.
    /// </summary>
    public async Task<IReadOnlyList<FakeRequest>> WaitForLoggedAsync(string route, int count, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task next;
            lock (gate)
            {
                var done = log.Where(r => r.Route == route).ToArray();
                if (done.Length >= count)
                {
                    return done;
                }
                next = logged.Task;
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"{route}: fewer than {count} requests logged within {timeout}.");
            }
            await next.WaitAsync(left).ConfigureAwait(false);
        }
    }

    /// <summary>Clears the log, the counts and the concurrency high-water mark.</summary>
    public void ResetCounts()
    {
        lock (gate)
        {
            log.Clear();
            counts.Clear();
            maxInFlight = inFlight;
        }
    }

    // Counted on arrival, so a client that has its response can rely on the count; the log entry follows on completion.
    internal long Begin(string route)
    {
        lock (gate)
        {
            counts[route] = counts.GetValueOrDefault(route) + 1;
            inFlight++;
            maxInFlight = Math.Max(maxInFlight, inFlight);
            return ++sequence;
        }
    }

    internal void End(FakeRequest request)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            inFlight--;
            log.Add(request);
            signal = logged;
            logged = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }
}
