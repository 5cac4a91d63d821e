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
public sealed partial class SpotifyClientProtocolTests : IAsyncLifetime
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
}
