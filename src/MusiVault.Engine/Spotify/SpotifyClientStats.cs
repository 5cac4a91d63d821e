using System.Collections.Concurrent;

namespace MusiVault.Engine.Spotify;

/// <summary>A point-in-time copy of a client's request counters, for -Verbose summaries and benchmarks.</summary>
public sealed class SpotifyClientStats
{
    /// <summary>HTTP requests sent (retries included).</summary>
    public long TotalRequests { get; init; }

    /// <summary>429 answers received.</summary>
    public long RateLimited { get; init; }

    /// <summary>Requests repeated after a 5xx, a network error or an unreadable body (429 waits not included).</summary>
    public long Retries { get; init; }

    /// <summary>Access-token refreshes caused by a 401.</summary>
    public long TokenRefreshes { get; init; }

    /// <summary>The most requests that were in flight at the same moment.</summary>
    public int PeakInFlight { get; init; }

    /// <summary>Requests in flight when the snapshot was taken.</summary>
    public int InFlight { get; init; }

    /// <summary>Time spent paused because of Retry-After (summed over pauses, not over callers).</summary>
    public TimeSpan RateLimitPause { get; init; }

    /// <summary>Names and descriptions cut to SpotifyBounds.MaxTextChars (an answer no real library sends).</summary>
    public long TruncatedFields { get; init; }

    /// <summary>Requests per route template, e.g. "GET /me/tracks", "GET /playlists/{id}/items".</summary>
    public IReadOnlyDictionary<string, long> ByRoute { get; init; } = new Dictionary<string, long>();

    public override string ToString() =>
        $"{TotalRequests} requests ({string.Join(", ", ByRoute.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}: {r.Value}"))}); " +
        $"{RateLimited} rate-limited, {Retries} retried, {TokenRefreshes} token refreshes, peak {PeakInFlight} in flight";
}

/// <summary>The live counters behind <see cref="SpotifyClientStats"/>; safe for concurrent callers.</summary>
internal sealed class SpotifyClientCounters
{
    private readonly ConcurrentDictionary<string, long> _byRoute = new(StringComparer.Ordinal);
    private long _total;
    private long _rateLimited;
    private long _retries;
    private long _refreshes;
    private long _pauseTicks;
    private long _truncated;
    private int _inFlight;
    private int _peak;

    public void RequestStarted(string route)
    {
        _byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);
        Interlocked.Increment(ref _total);
        var now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }

    public void RequestEnded() => Interlocked.Decrement(ref _inFlight);

    public void RateLimitedOnce(TimeSpan pause)
    {
        Interlocked.Increment(ref _rateLimited);
        Interlocked.Add(ref _pauseTicks, pause.Ticks);
    }

    public void Retried() => Interlocked.Increment(ref _retries);

    public void FieldsTruncated(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _truncated, count);
        }
    }

    public void Refreshed() => Interlocked.Increment(ref _refreshes);

    public SpotifyClientStats Snapshot() => new()
    {
        TotalRequests = Interlocked.Read(ref _total),
        RateLimited = Interlocked.Read(ref _rateLimited),
        Retries = Interlocked.Read(ref _retries),
        TokenRefreshes = Interlocked.Read(ref _refreshes),
        PeakInFlight = Volatile.Read(ref _peak),
        InFlight = Volatile.Read(ref _inFlight),
        RateLimitPause = TimeSpan.FromTicks(Interlocked.Read(ref _pauseTicks)),
        TruncatedFields = Interlocked.Read(ref _truncated),
        ByRoute = new SortedDictionary<string, long>(_byRoute, StringComparer.Ordinal),
    };
}
