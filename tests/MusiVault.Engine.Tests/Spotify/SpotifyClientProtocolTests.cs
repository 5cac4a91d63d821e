using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>
/// The client against the fake Spotify service over real HTTP on 127.0.0.1. Waits are injected through
/// <see cref="SpotifyClientOptions.Delay"/>, so nothing here sleeps through a Retry-After or a backoff, and the
/// assertions are about order and counts.
/// </summary>
public sealed class SpotifyClientProtocolTests : IAsyncLifetime
{
    private FakeSpotifyServer _fake = null!;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public async Task InitializeAsync() => _fake = await FakeSpotifyServer.StartAsync(new FakeSpotifyOptions { Seed = 11 });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private SpotifyClientOptions Options(int maxConcurrency = 4, Func<TimeSpan, CancellationToken, Task>? delay = null) => new()
    {
        ApiBaseUrl = new Uri(_fake.ApiBaseUrl),
        AccountsBaseUrl = new Uri(_fake.AccountsBaseUrl),
        MaxConcurrency = maxConcurrency,
        Jitter = () => 0.5,
        Delay = delay ?? ((d, _) =>
        {
            _delays.Enqueue(d);
            return Task.CompletedTask;
        }),
    };

    private SpotifyClient NewClient(int maxConcurrency = 4, Func<TimeSpan, CancellationToken, Task>? delay = null) =>
        new(new FixedAccessTokenSource(_fake.IssueAccessToken()), Options(maxConcurrency, delay));

    /// <summary>Waits for a state the code under test reaches without telling anyone; fails after 30 s.</summary>
    private static async Task Eventually(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"Timed out after 30 s waiting for {what}.");
            }
            await Task.Delay(10, CancellationToken.None);
        }
    }

    private static async Task<List<T>> AllOffsetPages<T>(Func<int, Task<SpotifyPage<T>>> get)
    {
        var all = new List<T>();
        var offset = 0;
        for (var guard = 0; guard < 10_000; guard++)
        {
            var page = await get(offset);
            all.AddRange(page.Items);
            if (page.NextOffset is not { } next)
            {
                return all;
            }
            Assert.True(next > offset, "paging must advance");
            offset = next;
        }
        throw new InvalidOperationException("paging did not end");
    }

    [Fact]
    public async Task SavedCollectionsPageToTheEnd()
    {
        using var client = NewClient();
        var first = await client.GetSavedTracksPageAsync(0);
        Assert.Equal(SpotifyClient.PageLimit, first.Limit);
        var liked = await AllOffsetPages(o => client.GetSavedTracksPageAsync(o));
        Assert.Equal(first.Total, liked.Count);
        Assert.True(liked.Count > 50, "the fake's small library spans several pages");
        Assert.All(liked, s => Assert.NotNull(s.AddedAt));

        var albums = await AllOffsetPages(o => client.GetSavedAlbumsPageAsync(o));
        Assert.Equal((await client.GetSavedAlbumsPageAsync(0)).Total, albums.Count);
        var shows = await AllOffsetPages(o => client.GetSavedShowsPageAsync(o));
        Assert.NotEmpty(shows);
        var episodes = await AllOffsetPages(o => client.GetSavedEpisodesPageAsync(o));
        Assert.All(episodes.Where(e => e.Item is not null), e => Assert.Equal(PlayableKind.Episode, e.Item!.Kind));

        var stats = client.GetStats();
        // One page per 50 (the fake ends on a full last page with next = null), plus the first call above.
        Assert.Equal((liked.Count + 49) / 50 + 1, stats.ByRoute["GET /me/tracks"]);
        Assert.Equal(0, stats.Retries);
    }

    [Fact]
    public async Task PlaylistsTheirItemsAndTheForeignOneThatIsNotAvailable()
    {
        using var client = NewClient();
        var me = await client.GetCurrentUserAsync();
        var playlists = await AllOffsetPages(o => client.GetMyPlaylistsPageAsync(o));
        Assert.NotEmpty(playlists);
        var foreign = 0;
        var entries = 0;
        foreach (var playlist in playlists)
        {
            var first = await client.GetPlaylistItemsPageAsync(playlist.Id, 0);
            var mine = playlist.OwnerId == me.Id || playlist.Collaborative;
            if (!mine)
            {
                Assert.False(first.IsAvailable);
                Assert.Contains("403", first.UnavailableReason, StringComparison.Ordinal);
                foreign++;
                continue;
            }
            Assert.True(first.IsAvailable, first.UnavailableReason);
            var all = await AllOffsetPages(async o => (await client.GetPlaylistItemsPageAsync(playlist.Id, o)).Value!);
            Assert.Equal(playlist.ItemsTotal, all.Count);
            entries += all.Count;
        }
        Assert.True(foreign >= 1, "the fake library has a followed playlist owned by someone else");
        Assert.True(entries > 0);

        var one = await client.GetPlaylistAsync(playlists[0].Id);
        Assert.Equal(playlists[0].Id, one.Id);
        Assert.NotNull(one.SnapshotId);
        _ = await client.GetPlaylistImagesAsync(playlists[0].Id);
    }

    [Fact]
    public async Task CursorPagesFollowedArtistsAndRecentlyPlayed()
    {
        using var client = NewClient();
        var artists = new List<SpotifyArtist>();
        string? after = null;
        int? total = null;
        do
        {
            var page = await client.GetFollowedArtistsPageAsync(after);
            total ??= page.Total;
            artists.AddRange(page.Items);
            after = page.HasNext ? page.CursorAfter : null;
        }
        while (after is not null);
        Assert.Equal(total, artists.Count);
        Assert.Equal(artists.Count, artists.Select(a => a.Id).Distinct().Count());

        var plays = await client.GetRecentlyPlayedPageAsync(null, null);
        Assert.NotEmpty(plays.Items);
        Assert.True(plays.Items.Zip(plays.Items.Skip(1)).All(p => p.First.PlayedAt >= p.Second.PlayedAt));
        var newest = plays.Items[0].PlayedAt.ToUnixTimeMilliseconds();
        var newer = await client.GetRecentlyPlayedPageAsync(newest, null);
        Assert.All(newer.Items, p => Assert.True(p.PlayedAt.ToUnixTimeMilliseconds() > newest));
    }

    [Fact]
    public async Task TopListsForEveryRange()
    {
        using var client = NewClient();
        foreach (var range in Enum.GetValues<TopTimeRange>())
        {
            Assert.NotEmpty((await client.GetTopArtistsPageAsync(range, 0)).Items);
            Assert.NotEmpty((await client.GetTopTracksPageAsync(range, 0)).Items);
        }
        Assert.Equal(3, client.GetStats().ByRoute["GET /me/top/tracks"]);
    }

    [Fact]
    public async Task AudioFeaturesRefusedCostOneRequest()
    {
        using var client = NewClient();
        var liked = await client.GetSavedTracksPageAsync(0);
        var ids = liked.Items.Select(s => s.Item!.Id!).Take(10).ToArray();
        var result = await client.GetAudioFeaturesAsync(ids);
        Assert.False(result.IsAvailable);
        Assert.Contains("403", result.UnavailableReason, StringComparison.Ordinal);
        Assert.Equal(1, client.GetStats().ByRoute["GET /audio-features/{id}"]);

        _fake.Faults.AudioFeaturesAllowed = true;
        var allowed = await client.GetAudioFeaturesAsync(ids);
        Assert.True(allowed.IsAvailable);
        Assert.Equal(ids.Order(StringComparer.Ordinal), allowed.Value!.Select(f => f.Id).Order(StringComparer.Ordinal));
    }

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

    [Fact]
    public async Task LegacyShapesGiveTheSameModels()
    {
        using var client = NewClient();
        var me = await client.GetCurrentUserAsync();
        var mine = (await client.GetMyPlaylistsPageAsync(0)).Items.First(p => p.OwnerId == me.Id && p.ItemsTotal > 0);
        var modern = (await client.GetPlaylistItemsPageAsync(mine.Id, 0)).Value!;
        var liked = await client.GetSavedTracksPageAsync(0);
        _fake.LegacyShapes = true;
        var legacy = (await client.GetPlaylistItemsPageAsync(mine.Id, 0)).Value!;
        var legacyLiked = await client.GetSavedTracksPageAsync(0);
        Assert.Equal(Describe(modern.Items.Select(e => e.Item)), Describe(legacy.Items.Select(e => e.Item)));
        Assert.Equal(Describe(liked.Items.Select(e => e.Item)), Describe(legacyLiked.Items.Select(e => e.Item)));
        Assert.Equal(modern.Items.Select(e => e.AddedAt), legacy.Items.Select(e => e.AddedAt));
    }

    private static string Describe(IEnumerable<SpotifyPlayable?> items) => string.Join("\n", items.Select(p => p is null
        ? "null"
        : $"{p.Kind}|{p.Id}|{p.Uri}|{p.Name}|{p.IsLocal}|{p.DurationMs}|{string.Join(",", p.Artists.Select(a => a.Name))}|{p.Album?.Name}|{p.Show?.Name}"));

    [Fact]
    public async Task DownloadsSendNoTokenToAnotherHost()
    {
        var port = SpotifyAuthTests.FreePort();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        var captured = Task.Run(async () =>
        {
            using var socket = await listener.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            var buffer = new byte[8192];
            var head = new StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer);
                if (n == 0)
                {
                    break;
                }
                head.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"));
            return head.ToString();
        });
        using var client = NewClient();
        var bytes = await client.DownloadAsync(new Uri($"http://127.0.0.1:{port}/image/x.jpg"));
        Assert.Equal("abc"u8.ToArray(), bytes);
        Assert.DoesNotContain("Authorization", await captured, StringComparison.OrdinalIgnoreCase);
    }

    // --- sessions: refresh, rotation, invalid_grant ------------------------------------------------------------

    private async Task<(SpotifySession Session, SpotifyProfileStore Store, string Home)> ConnectAsync(
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-session-" + Guid.NewGuid().ToString("N"));
        var store = new SpotifyProfileStore(home);
        var options = Options(delay: delay);
        var connection = await SpotifyLogin.ImportRefreshTokenAsync("p", _fake.ClientId, _fake.IssueRefreshToken(), options, store, CancellationToken.None);
        Assert.False(string.IsNullOrEmpty(connection.UserId));
        var session = await SpotifySession.OpenAsync("p", _fake.ClientId, store, options, CancellationToken.None);
        return (session, store, home);
    }

    [Fact]
    public async Task ExpiredAccessTokenIsRefreshedOnceAndTheRotatedTokenStoredFirst()
    {
        var (session, store, home) = await ConnectAsync();
        try
        {
            using (session)
            {
                var before = store.ReadTokens("p")!;
                await session.Client.GetCurrentUserAsync();
                _fake.Faults.ExpireAccessTokens();
                var tokenCalls = _fake.Requests.Count("POST /api/token");

                // Four callers meet the 401 together: one refresh between them.
                await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => session.Client.GetCurrentUserAsync())));
                Assert.Equal(tokenCalls + 1, _fake.Requests.Count("POST /api/token"));

                var after = store.ReadTokens("p")!;
                Assert.NotEqual(before.AccessToken, after.AccessToken);
                Assert.NotEqual(before.RefreshToken, after.RefreshToken);
                Assert.Equal(after.AccessToken, await session.GetAccessTokenAsync(CancellationToken.None));
                Assert.InRange(session.Client.GetStats().TokenRefreshes, 1, 4);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task RevokedRefreshTokenTellsTheUserToConnectAgain()
    {
        var (session, store, home) = await ConnectAsync();
        try
        {
            using (session)
            {
                var refresh = store.ReadTokens("p")!.RefreshToken;
                _fake.Faults.RevokeRefreshTokens();
                _fake.Faults.ExpireAccessTokens();
                var ex = await Assert.ThrowsAsync<MusiVaultException>(() => session.Client.GetCurrentUserAsync());
                Assert.Equal("SpotifyReauthenticationRequired", ex.ErrorId);
                Assert.Equal(ErrorKind.AuthenticationError, ex.Category);
                Assert.Contains("Connect-Spotify", ex.Message, StringComparison.Ordinal);
                Assert.DoesNotContain(refresh, ex.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task TwoProcessesOnOneProfileShareTheRotatedToken()
    {
        var (first, store, home) = await ConnectAsync();
        try
        {
            // A second session on the same files stands for a second pwsh.
            using var second = await SpotifySession.OpenAsync("p", _fake.ClientId, store, Options(), CancellationToken.None);
            using (first)
            {
                _fake.Faults.ExpireAccessTokens();
                await first.Client.GetCurrentUserAsync();
                var tokenCalls = _fake.Requests.Count("POST /api/token");
                // The second still holds the retired refresh token; it must pick up the stored one, not fail.
                await second.Client.GetCurrentUserAsync();
                Assert.Equal(tokenCalls, _fake.Requests.Count("POST /api/token"));
                Assert.Equal(store.ReadTokens("p")!.AccessToken, await second.GetAccessTokenAsync(CancellationToken.None));
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task UsedRefreshTokenIsRefusedAfterRotation()
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-session-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SpotifyProfileStore(home);
            var original = _fake.IssueRefreshToken();
            await SpotifyLogin.ImportRefreshTokenAsync("a", _fake.ClientId, original, Options(), store, CancellationToken.None);
            var ex = await Assert.ThrowsAsync<MusiVaultException>(() =>
                SpotifyLogin.ImportRefreshTokenAsync("b", _fake.ClientId, original, Options(), store, CancellationToken.None));
            Assert.Equal("SpotifyRefreshTokenRefused", ex.ErrorId);
            Assert.DoesNotContain(original, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public async Task PkceLoginThroughTheListener()
    {
        var home = Path.Combine(Path.GetTempPath(), "mv-login-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new SpotifyProfileStore(home);
            var redirect = new Uri($"http://127.0.0.1:{SpotifyAuthTests.FreePort()}/callback");
            var attempt = SpotifyLogin.Begin("default", _fake.ClientId, redirect, allowModify: true, Options(), store);
            Assert.Contains("code_challenge_method=S256", attempt.AuthorizeUrl.Query, StringComparison.Ordinal);
            Assert.Contains("playlist-modify-private", Uri.UnescapeDataString(attempt.AuthorizeUrl.Query), StringComparison.Ordinal);
            var login = attempt.CompleteWithListenerAsync(TimeSpan.FromSeconds(30), openBrowser: false, CancellationToken.None);

            // The "browser": follow the authorize redirect by hand to the loopback listener.
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            var authorize = await browser.GetAsync(attempt.AuthorizeUrl);
            Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
            var page = await browser.GetAsync(authorize.Headers.Location!);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);

            var connection = await login;
            Assert.Equal("default", connection.Profile);
            Assert.False(string.IsNullOrEmpty(connection.UserId));
            Assert.Contains("user-library-read", connection.Scopes);
            Assert.NotNull(store.ReadTokens("default"));
            Assert.InRange(connection.RefreshTokenExpiresAt - connection.ConnectedAt, TimeSpan.FromDays(180), TimeSpan.FromDays(184));
        }
        finally
        {
            if (Directory.Exists(home))
            {
                Directory.Delete(home, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PastedRedirectWithAnotherStateIsRefused()
    {
        var store = new SpotifyProfileStore(Path.Combine(Path.GetTempPath(), "mv-login-" + Guid.NewGuid().ToString("N")));
        var redirect = new Uri("http://127.0.0.1:8765/callback");
        var attempt = SpotifyLogin.Begin("default", _fake.ClientId, redirect, allowModify: false, Options(), store);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var location = (await browser.GetAsync(attempt.AuthorizeUrl)).Headers.Location!.AbsoluteUri;
        var forged = System.Text.RegularExpressions.Regex.Replace(location, "state=[^&]+", "state=forged");
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => attempt.CompleteFromRedirectUrlAsync(forged, CancellationToken.None));
        Assert.Equal("SpotifyLoginStateMismatch", ex.ErrorId);

        var connection = await attempt.CompleteFromRedirectUrlAsync(location, CancellationToken.None);
        Assert.True(ReadScopesOnly(connection.Scopes));
        Directory.Delete(store.Home, recursive: true);
    }

    private static bool ReadScopesOnly(IEnumerable<string> scopes) => !scopes.Any(s => s.Contains("modify", StringComparison.Ordinal));
}
