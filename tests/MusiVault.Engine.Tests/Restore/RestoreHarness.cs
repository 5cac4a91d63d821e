using MusiVault.Engine.Restore;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Tests.Sync;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Restore;

/// <summary>
/// A synced vault and a connection to the fake Spotify service it came from, plus what the restore tests read back
/// from the fake: its playlists, its request log, the items each write carried.
/// </summary>
internal sealed class RestoreHarness : IAsyncDisposable
{
    public const string ItemsRoute = "POST /v1/playlists/{id}/items";
    public const string CreateRoute = "POST /v1/me/playlists";
    public const string LibraryPutRoute = "PUT /v1/me/library";
    public const string ContainsRoute = "GET /v1/me/library/contains";

    private RestoreHarness(SyncHarness sync) => Sync = sync;

    public SyncHarness Sync { get; }
    public FakeSpotifyServer Fake => Sync.Fake;
    public string VaultPath => Sync.VaultPath;
    public List<string> Warnings { get; } = [];

    public static async Task<RestoreHarness> StartAsync(FakeSpotifyOptions? options = null)
    {
        var harness = new RestoreHarness(await SyncHarness.StartAsync(options));
        await harness.Sync.SyncAsync();
        return harness;
    }

    /// <summary>A playlist of <paramref name="count"/> distinct playable tracks, made in the fake and synced into the vault.</summary>
    public async Task<string> AddSourcePlaylistAsync(string name, int count)
    {
        List<string> uris;
        lock (Fake.Library.SyncRoot)
        {
            uris = Fake.Library.Tracks.Values.Where(t => !t.IsLocal && t.IsPlayable).Select(t => t.Uri).Order(StringComparer.Ordinal).Take(count).ToList();
        }
        Assert.Equal(count, uris.Count);
        var playlist = Fake.Mutations.CreatePlaylist(name, "restore source");
        foreach (var chunk in uris.Chunk(100))
        {
            Fake.Mutations.AddUris(playlist.Id, chunk);
        }
        await Sync.SyncAsync();
        return playlist.Id;
    }

    public async Task<RestoreResult> ExecuteAsync(RestorePlan plan, string profile = "default", Func<SpotifyConnection, SpotifyConnection>? connection = null)
    {
        using var session = await SpotifySession.OpenAsync(profile, null, Sync.Store, Sync.Options, CancellationToken.None);
        var used = connection is null ? session.Connection : connection(session.Connection);
        return await SpotifyRestore.ExecuteAsync(session.Client, used, VaultPath, plan, Warnings.Add, CancellationToken.None);
    }

    public async Task<IReadOnlyList<RestorePlan>> PlanLibraryAsync(params RestoreCollection[] include)
    {
        using var session = await SpotifySession.OpenAsync("default", null, Sync.Store, Sync.Options, CancellationToken.None);
        return await SpotifyRestore.PlanLibraryAsync(session.Client, VaultPath, include, null, CancellationToken.None);
    }

    /// <summary>Stores a second connection to the same account whose token carries only <paramref name="scopes"/>.</summary>
    public Task ConnectAsync(string profile, IEnumerable<string> scopes) =>
        SpotifyLogin.ImportRefreshTokenAsync(profile, Fake.ClientId, Fake.IssueRefreshToken(scopes), Sync.Options, Sync.Store, CancellationToken.None);

    public List<string> PlaylistUris(string playlistId)
    {
        lock (Fake.Library.SyncRoot)
        {
            return Fake.Library.AllPlaylists[playlistId].Entries.Select(e => e.Item?.Uri ?? "").ToList();
        }
    }

    /// <summary>The fake stamps every entry of one add request with the same time: the sizes of the adds, in order.</summary>
    public List<int> AddSizes(string playlistId)
    {
        lock (Fake.Library.SyncRoot)
        {
            var sizes = new List<int>();
            DateTimeOffset? last = null;
            foreach (var entry in Fake.Library.AllPlaylists[playlistId].Entries)
            {
                if (sizes.Count == 0 || entry.AddedAt != last)
                {
                    sizes.Add(0);
                }
                sizes[^1]++;
                last = entry.AddedAt;
            }
            return sizes;
        }
    }

    /// <summary>The playlists named <paramref name="name"/> in the account (what a user would see).</summary>
    public List<FakePlaylist> MyPlaylists(string name)
    {
        lock (Fake.Library.SyncRoot)
        {
            return Fake.Library.Playlists.Where(p => p.Name == name).ToList();
        }
    }

    /// <summary>Requests that change something (every /v1 request but GET), faulted ones included.</summary>
    public int Writes() => Fake.Requests.Snapshot().Count(r => r.Method != "GET" && r.PathAndQuery.StartsWith("/v1/", StringComparison.Ordinal));

    public int Count(string route) => Fake.Requests.Count(route);

    /// <summary>How many URIs each logged request of <paramref name="route"/> carried in its uris= query parameter.</summary>
    public List<int> UrisPerRequest(string route) =>
        Fake.Requests.For(route).Select(r =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + r.PathAndQuery).Query);
            return (query["uris"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        }).ToList();

    public ValueTask DisposeAsync() => Sync.DisposeAsync();
}
