using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>Rate limits, retries, the shared concurrency cap and cancellation.</summary>
public sealed partial class SpotifyClientProtocolTests
{
    [Fact]
    public async Task RateLimitPausesEveryCallerUntilRetryAfter()
    {
        var gateOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gateClosed = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = NewClient(maxConcurrency: 4, delay: (d, ct) =>
        {
            _delays.Enqueue(d);
            gateClosed.TrySetResult(d);
            return gateOpened.Task.WaitAsync(ct);
        });
        // Four independent callers, each with several pages to go; the second request of the run gets the 429.
        _fake.Faults.LatencyMs = 20;
        _fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 7, route: "GET /v1/me/tracks", skip: 1);
        // Each worker's current call: once every one is pending with nothing on the wire, all four wait at the gate.
        var calls = new Task?[4];
        var workers = Enumerable.Range(0, 4)
            .Select(n => Task.Run(async () => (await AllOffsetPages(o =>
            {
                var call = client.GetSavedTracksPageAsync(o);
                Volatile.Write(ref calls[n], call);
                return call;
            })).Count))
            .ToArray();

        Assert.Equal(TimeSpan.FromSeconds(7), await gateClosed.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await Eventually(
            () => client.GetStats().InFlight == 0 && Enumerable.Range(0, 4).All(n => Volatile.Read(ref calls[n]) is { IsCompleted: false }),
            "every worker waiting at the gate with nothing in flight");
        var drainedAt = DateTimeOffset.UtcNow;
        var sentAtPause = client.GetStats().TotalRequests;
        Assert.All(workers, w => Assert.False(w.IsCompleted));

        var openedAt = DateTimeOffset.UtcNow;
        Assert.Equal(sentAtPause, client.GetStats().TotalRequests);
        gateOpened.SetResult();
        var counts = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.All(counts, c => Assert.True(c > 100));
        var stats = client.GetStats();
        Assert.Equal(1, stats.RateLimited);
        Assert.Equal(TimeSpan.FromSeconds(7), stats.RateLimitPause);
        // The request that got 429 was sent again after the pause, and the server saw it.
        // Counted on arrival by the fake: every page once, plus the one that got the 429.
        Assert.Equal(4 * ((counts[0] + 49) / 50) + 1, _fake.Requests.Count("GET /v1/me/tracks"));
        Assert.DoesNotContain(_fake.Requests.For("GET /v1/me/tracks"), r => r.StartedAt > drainedAt && r.StartedAt < openedAt);
    }

    [Fact]
    public async Task RateLimitIsHonouredInRealTimeToo()
    {
        // No injected delay: the client really waits. The server's own clock must show the gap.
        using var client = new SpotifyClient(new FixedAccessTokenSource(_fake.IssueAccessToken()), new SpotifyClientOptions
        {
            ApiBaseUrl = new Uri(_fake.ApiBaseUrl),
            MaxConcurrency = 1,
        });
        _fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 1, route: "GET /v1/me");
        await client.GetCurrentUserAsync();
        // The fake logs a request when its response is complete, a moment after the client has it.
        await Eventually(() => _fake.Requests.For("GET /v1/me").Count >= 2, "the fake to log the retried request");
        var log = _fake.Requests.For("GET /v1/me");
        Assert.Equal([429, 200], log.Select(r => r.StatusCode));
        Assert.True(log[1].StartedAt - log[0].CompletedAt >= TimeSpan.FromSeconds(0.95),
            $"retried {log[1].StartedAt - log[0].CompletedAt} after the 429");
    }

    [Fact]
    public async Task QuotaExceededStopsWithAClearError()
    {
        using var client = NewClient();
        _fake.Faults.TooManyRequests(count: 1, body: RateLimitBody.QuotaExceeded, route: "GET /v1/me");
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetCurrentUserAsync());
        Assert.Equal("SpotifyQuotaExceeded", ex.ErrorId);
        Assert.Equal(ErrorKind.QuotaExceeded, ex.Category);
        Assert.Equal(1, _fake.Requests.Count("GET /v1/me"));
    }

    [Fact]
    public async Task JsonBodied429IsWaitedOutLikeAnEmptyOne()
    {
        using var client = NewClient();
        _fake.Faults.TooManyRequests(count: 2, retryAfterSeconds: 3, body: RateLimitBody.Json, route: "GET /v1/me");
        Assert.False(string.IsNullOrEmpty((await client.GetCurrentUserAsync()).Id));
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], _delays.ToArray());
        Assert.Equal(2, client.GetStats().RateLimited);
    }

    [Fact]
    public async Task ServerErrorsAreRetriedWithGrowingBackoff()
    {
        using var client = NewClient();
        _fake.Faults.ServerError(count: 3, statusCode: 502, route: "GET /v1/me");
        await client.GetCurrentUserAsync();
        Assert.Equal(3, client.GetStats().Retries);
        Assert.Equal(4, _fake.Requests.Count("GET /v1/me"));
        var waits = _delays.ToArray();
        Assert.Equal(3, waits.Length);
        Assert.True(waits[0] < waits[1] && waits[1] < waits[2], string.Join(", ", waits));
    }

    [Fact]
    public async Task RetriesAreBounded()
    {
        using var client = NewClient();
        _fake.Faults.ServerError(count: 50, statusCode: 500, route: "GET /v1/me");
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetCurrentUserAsync());
        Assert.Equal("SpotifyUnavailable", ex.ErrorId);
        Assert.Equal(client.Options.MaxRetries + 1, _fake.Requests.Count("GET /v1/me"));
    }

    [Fact]
    public async Task TruncatedJsonAndDroppedConnectionsAreRetried()
    {
        using var client = NewClient();
        _fake.Faults.TruncatedJson(count: 1, route: "GET /v1/me/tracks");
        _fake.Faults.DropConnection(count: 1, route: "GET /v1/me/playlists");
        var page = await client.GetSavedTracksPageAsync(0);
        Assert.Equal(50, page.Items.Count);
        Assert.NotEmpty((await client.GetMyPlaylistsPageAsync(0)).Items);
        Assert.Equal(2, client.GetStats().Retries);
    }

    [Fact]
    public async Task OtherClientErrorsCarryTheApiMessage()
    {
        using var client = NewClient();
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => client.GetPlaylistAsync("doesnotexist000000000"));
        Assert.Equal("SpotifyNotFound", ex.ErrorId);
        Assert.Contains("GET /playlists/{id}", ex.Message, StringComparison.Ordinal);
        var gone = await client.GetPlaylistItemsPageAsync("doesnotexist000000000", 0);
        Assert.False(gone.IsAvailable);
    }

    [Fact]
    public async Task ConcurrencyCapIsSharedByAllCallers()
    {
        _fake.Faults.LatencyMs = 40;
        using var client = NewClient(maxConcurrency: 3);
        _fake.Requests.ResetCounts();
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => client.GetSavedTracksPageAsync(50 * (i % 4)))));
        Assert.InRange(_fake.Requests.MaxConcurrent, 2, 3);
        Assert.InRange(client.GetStats().PeakInFlight, 2, 3);
        Assert.Equal(12, client.GetStats().TotalRequests);
    }

    [Fact]
    public async Task CancellationStopsWaitingCallers()
    {
        var never = new TaskCompletionSource();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = NewClient(delay: (_, ct) =>
        {
            waiting.TrySetResult();
            return never.Task.WaitAsync(ct);
        });
        _fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 5, route: "GET /v1/me");
        using var cts = new CancellationTokenSource();
        var call = client.GetCurrentUserAsync(cts.Token);
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }
}
