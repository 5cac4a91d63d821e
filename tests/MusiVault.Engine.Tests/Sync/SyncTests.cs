using MusiVault.Engine.Sync;
using MusiVault.Engine.Vault;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Sync;

public sealed class SyncTests
{
    private const string ItemsRoute = "GET /v1/playlists/{id}/items";

    private static string? ExpectedUri(FakePlaylistEntry entry) =>
        entry.Item is null || !entry.Item.IsPlayable ? null : entry.Item.Uri;

    private static int Pages(int count) => Math.Max(1, (count + 49) / 50);

    [Fact]
    public async Task A_full_sync_stores_the_whole_library_entry_by_entry()
    {
        await using var h = await SyncHarness.StartAsync();
        var lib = h.Fake.Library;

        var result = await h.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        Assert.True(result.Full);
        using var db = h.OpenVault();
        Assert.Equal([lib.Me.Id], VaultRead.Column<string>(db, "SELECT user_id FROM profile"));
        Assert.Equal(lib.LikedTracks.Select(s => s.Item.Uri),
            VaultRead.Column<string>(db, "SELECT track_uri FROM liked_tracks WHERE removed_at IS NULL ORDER BY position"));
        Assert.Equal(lib.SavedAlbums.Select(s => s.Item.Id),
            VaultRead.Column<string>(db, "SELECT album_id FROM saved_albums WHERE removed_at IS NULL ORDER BY position"));
        Assert.Equal(lib.SavedShows.Select(s => s.Item.Id),
            VaultRead.Column<string>(db, "SELECT show_id FROM saved_shows WHERE removed_at IS NULL ORDER BY position"));
        Assert.Equal(lib.SavedEpisodes.Select(s => s.Item.Uri),
            VaultRead.Column<string>(db, "SELECT episode_uri FROM saved_episodes WHERE removed_at IS NULL ORDER BY position"));
        Assert.Equal(lib.FollowedArtists.Select(a => a.Id).Order(StringComparer.Ordinal),
            VaultRead.Column<string>(db, "SELECT artist_id FROM followed_artists WHERE removed_at IS NULL ORDER BY artist_id COLLATE BINARY"));

        Assert.Equal(lib.Playlists.Select(p => p.Id).Order(StringComparer.Ordinal),
            VaultRead.Column<string>(db, "SELECT id FROM playlists WHERE deleted_at IS NULL ORDER BY id COLLATE BINARY"));
        var foreign = 0;
        foreach (var playlist in lib.Playlists)
        {
            Assert.Equal([playlist.Name], VaultRead.Column<string>(db, "SELECT name FROM playlists WHERE id = $1", playlist.Id));
            if (!playlist.IsEditableBy(lib.Me))
            {
                foreign++;
                Assert.Equal([0L], VaultRead.Column<long>(db, "SELECT items_available FROM playlists WHERE id = $1", playlist.Id));
                continue;
            }
            Assert.Equal(playlist.Entries.Select(ExpectedUri),
                VaultRead.Column<string?>(db, "SELECT item_uri FROM playlist_entries WHERE playlist_id = $1 ORDER BY position", playlist.Id));
            Assert.Equal(playlist.Entries.Select(e => e.IsLocal ? 1L : 0L),
                VaultRead.Column<long>(db, "SELECT is_local FROM playlist_entries WHERE playlist_id = $1 ORDER BY position", playlist.Id));
        }
        Assert.True(foreign > 0, "the generated library has a followed playlist owned by someone else");

        foreach (var range in TimeRanges.All)
        {
            Assert.Equal(lib.TopArtists[range].Select(a => a.Id), VaultRead.Column<string>(db,
                "SELECT item_key FROM top_items WHERE item_type = 'artist' AND time_range = $1 ORDER BY rank", range));
            Assert.Equal(lib.TopTracks[range].Select(t => t.Uri), VaultRead.Column<string>(db,
                "SELECT item_key FROM top_items WHERE item_type = 'track' AND time_range = $1 ORDER BY rank", range));
        }
        Assert.Equal(lib.RecentlyPlayed.Take(50).Select(p => p.Track.Uri).Order(StringComparer.Ordinal),
            VaultRead.Column<string>(db, "SELECT track_uri FROM recently_played ORDER BY track_uri COLLATE BINARY"));

        // Raw JSON kept beside the columns, for tracks and playlists alike.
        Assert.Equal([0L], VaultRead.Column<long>(db, "SELECT count(*) FROM tracks WHERE raw_json IS NULL OR json_valid(raw_json) = 0"));
        // The first sync is the baseline: no history yet.
        Assert.Empty(VaultRead.Changes(db));
        Assert.Equal(["ok"], VaultFingerprint.IntegrityCheck(h.VaultPath));

        // Exactly the fewest requests for the items: one page per 50 entries, one refused request per foreign playlist.
        Assert.Equal(lib.Playlists.Sum(p => p.IsEditableBy(lib.Me) ? Pages(p.Entries.Count) : 1), h.Fake.Requests.Count(ItemsRoute));
        Assert.Equal(Pages(lib.LikedTracks.Count), h.Fake.Requests.Count("GET /v1/me/tracks"));
        // One warning per refused playlist.
        Assert.Equal(foreign, h.Observer.Warnings.Count(w => w.Contains("not available to this app", StringComparison.Ordinal) && w.Contains("playlist", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_resync_without_changes_reads_no_playlist_items_and_records_nothing()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        VaultFingerprint.Compute(h.VaultPath, out var before);
        h.Fake.Requests.ResetCounts();
        h.Observer.Warnings.Clear();

        var result = await h.SyncAsync();

        Assert.False(result.Full);
        Assert.Equal(0, h.Fake.Requests.Count(ItemsRoute));
        Assert.Equal(1, h.Fake.Requests.Count("GET /v1/me/tracks"));
        var playlistPages = (h.Fake.Library.Playlists.Count + 49) / 50;
        // profile 1, liked 1, playlists ⌈p/50⌉, albums 1, shows 1, episodes 1, followed 1, top 6, recent 1; no audio features (403 remembered)
        Assert.Equal(1 + 1 + playlistPages + 3 + 1 + 6 + 1, h.Fake.Requests.Total);
        Assert.Equal(0, result.Added + result.Removed + result.Changed);
        Assert.Empty(h.Observer.Warnings); // the foreign playlist and audio features were reported once, not again
        VaultFingerprint.Compute(h.VaultPath, out var after);
        Assert.Empty(before.Where(t => after[t.Key] != t.Value).Select(t => t.Key));
    }

    [Fact]
    public async Task After_mutations_an_incremental_sync_records_exactly_what_changed()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var lib = h.Fake.Library;
        var snapshots = lib.Playlists.ToDictionary(p => p.Id, p => p.SnapshotId);
        var mutation = h.Fake.Mutations.ApplyDemoScenario();
        h.Fake.Requests.ResetCounts();

        var result = await h.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        using var db = h.OpenVault();
        var changes = VaultRead.Changes(db, result.RunId);
        var unavailableUri = "spotify:track:" + mutation.UnavailableTrackId;

        var expected = new List<(string, string, string, string?)>();
        expected.AddRange(mutation.UnlikedTrackIds.Select(id => ("track", "spotify:track:" + id, "unliked", (string?)null)));
        expected.AddRange(mutation.LikedTrackIds.Select(id => ("track", "spotify:track:" + id, "liked", (string?)null)));
        expected.Add(("track", unavailableUri, "unavailable", null));
        expected.Add(("playlist", mutation.RenamedPlaylistId, "renamed", mutation.RenamedPlaylistId));
        expected.AddRange(mutation.AddedUris.Select(uri => ("track", uri, "added", (string?)mutation.EditedPlaylistId)));
        expected.AddRange(mutation.RemovedUris.Select(uri => ("track", uri, "removed", (string?)mutation.EditedPlaylistId)));
        expected.Add(("playlist", mutation.DeletedPlaylistId, "removed", mutation.DeletedPlaylistId));
        foreach (var playlist in lib.Playlists.Where(p => p.IsEditableBy(lib.Me)))
        {
            foreach (var entry in playlist.Entries.Where(e => e.Item?.Id == mutation.UnavailableTrackId))
            {
                expected.Add(("track", unavailableUri, "unavailable", playlist.Id));
            }
        }
        Assert.Equal(expected.Order(), changes.Order());

        // Only the playlists whose snapshot changed were read.
        var changed = lib.Playlists.Where(p => snapshots.TryGetValue(p.Id, out var s) && s != p.SnapshotId).ToList();
        Assert.Contains(changed, p => p.Id == mutation.EditedPlaylistId);
        Assert.Equal(changed.Sum(p => p.IsEditableBy(lib.Me) ? Pages(p.Entries.Count) : 1), h.Fake.Requests.Count(ItemsRoute));

        // The vanished track keeps its last known data in the playlists, marked unavailable.
        Assert.All(VaultRead.Column<long>(db, "SELECT is_available FROM playlist_entries WHERE item_uri = $1 AND playlist_id IN (SELECT id FROM playlists WHERE deleted_at IS NULL)", unavailableUri),
            a => Assert.Equal(0L, a));
        Assert.Equal([mutation.RenamedTo], VaultRead.Column<string>(db, "SELECT name FROM playlists WHERE id = $1", mutation.RenamedPlaylistId));
        Assert.Single(VaultRead.Column<string>(db, "SELECT deleted_at FROM playlists WHERE id = $1 AND deleted_at IS NOT NULL", mutation.DeletedPlaylistId));
        Assert.Equal(2, mutation.UnlikedTrackIds.Count);
        Assert.Equal(2, VaultRead.Column<long>(db, "SELECT count(*) FROM liked_tracks WHERE removed_at IS NOT NULL")[0]);
        Assert.Equal(lib.LikedTracks.Select(s => s.Item.Uri),
            VaultRead.Column<string>(db, "SELECT track_uri FROM liked_tracks WHERE removed_at IS NULL ORDER BY position"));
        // Plays older than Spotify's window of 50 stay in the vault: the first sync's 50 plus the new ones.
        Assert.Equal(50 + mutation.NewPlays, VaultRead.Column<long>(db, "SELECT count(*) FROM recently_played")[0]);
    }

    [Fact]
    public async Task New_likes_at_the_head_are_read_without_paging_the_whole_collection()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var lib = h.Fake.Library;
        var liked = lib.LikedTracks.Select(s => s.Item.Id).ToHashSet();
        var newOnes = lib.Tracks.Values.Where(t => !t.IsLocal && !liked.Contains(t.Id)).OrderBy(t => t.Id, StringComparer.Ordinal).Take(3).ToList();
        foreach (var track in newOnes)
        {
            h.Fake.Mutations.Like(track.Id!);
        }
        h.Fake.Requests.ResetCounts();

        var result = await h.SyncAsync(collections: [SyncCollection.LikedSongs]);

        Assert.Equal(1, h.Fake.Requests.Count("GET /v1/me/tracks"));
        Assert.Equal(3, result.Added);
        using var db = h.OpenVault();
        Assert.Equal(lib.LikedTracks.Select(s => s.Item.Uri),
            VaultRead.Column<string>(db, "SELECT track_uri FROM liked_tracks WHERE removed_at IS NULL ORDER BY position"));
        Assert.Equal(3, VaultRead.Changes(db, result.RunId).Count(c => c.Kind == "liked"));
    }

    [Fact]
    public async Task Legacy_shapes_give_the_same_vault_as_the_2026_shapes()
    {
        await using var h = await SyncHarness.StartAsync();
        var legacyVault = Path.Combine(h.Directory, "legacy.db");
        await h.SyncAsync();
        h.Fake.LegacyShapes = true;
        await h.SyncAsync(vaultPath: legacyVault);

        using var modern = h.OpenVault();
        using var legacy = h.OpenVault(legacyVault);
        // Legacy mode also serves the items of playlists the user does not own (no Development-Mode 403), so the
        // comparison covers what both can see: everything but those playlists' entries.
        string[] queries =
        [
            "SELECT track_uri || '|' || coalesce(added_at, '') || '|' || position FROM liked_tracks ORDER BY position",
            "SELECT album_id || '|' || coalesce(added_at, '') FROM saved_albums ORDER BY position",
            "SELECT show_id || '|' || coalesce(added_at, '') FROM saved_shows ORDER BY position",
            "SELECT episode_uri || '|' || coalesce(added_at, '') FROM saved_episodes ORDER BY position",
            "SELECT artist_id FROM followed_artists ORDER BY artist_id COLLATE BINARY",
            "SELECT id || '|' || name || '|' || coalesce(description, '') || '|' || coalesce(owner_id, '') || '|' || coalesce(public, 'null') || '|' || collaborative || '|' || coalesce(snapshot_id, '') FROM playlists ORDER BY id COLLATE BINARY",
            "SELECT e.playlist_id || '|' || e.position || '|' || coalesce(e.item_uri, '') || '|' || e.is_available || '|' || coalesce(e.added_at, '') || '|' || coalesce(e.added_by, '') || '|' || e.is_local || '|' || coalesce(e.local_name, '') FROM playlist_entries e WHERE e.playlist_id IN (SELECT id FROM playlists WHERE owner_id = (SELECT user_id FROM profile) OR collaborative = 1) ORDER BY 1",
            "SELECT item_type || '|' || time_range || '|' || rank || '|' || item_key FROM top_items ORDER BY 1",
            "SELECT played_at || '|' || track_uri FROM recently_played ORDER BY 1",
            "SELECT user_id || '|' || coalesce(display_name, '') FROM profile",
        ];
        foreach (var sql in queries)
        {
            Assert.Equal(VaultRead.Column<string>(modern, sql), VaultRead.Column<string>(legacy, sql));
        }
        // Every track the 2026 vault knows has the same columns in the legacy vault.
        const string tracks = "SELECT uri || '|' || type || '|' || name || '|' || coalesce(album_id, '') || '|' || coalesce(album_name, '') || '|' || duration_ms || '|' || explicit || '|' || coalesce(isrc, '') || '|' || coalesce((SELECT group_concat(artist_name, ';') FROM track_artists a WHERE a.track_uri = t.uri), '') FROM tracks t ORDER BY uri";
        var legacyTracks = VaultRead.Column<string>(legacy, tracks).ToHashSet();
        Assert.All(VaultRead.Column<string>(modern, tracks), row => Assert.Contains(row, legacyTracks));
    }

    [Fact]
    public async Task Injected_429_5xx_truncated_json_and_expired_tokens_still_converge()
    {
        await using var h = await SyncHarness.StartAsync();
        var clean = Path.Combine(h.Directory, "clean.db");
        await h.SyncAsync(vaultPath: clean);

        h.Fake.Faults.TooManyRequests(count: 2, retryAfterSeconds: 1);
        h.Fake.Faults.TooManyRequests(count: 1, retryAfterSeconds: 1, route: ItemsRoute);
        h.Fake.Faults.ServerError(count: 2, statusCode: 503, route: "GET /v1/me/tracks");
        h.Fake.Faults.TruncatedJson(count: 2, route: ItemsRoute);
        h.Fake.Faults.ExpireAccessTokens();

        var result = await h.SyncAsync();

        Assert.Equal("succeeded", result.Status);
        Assert.True(result.Throttled >= 3);
        Assert.Equal(0, h.Fake.Faults.Pending);
        Assert.Equal(VaultFingerprint.Compute(clean), VaultFingerprint.Compute(h.VaultPath));
    }

    [Fact]
    public async Task A_sync_cancelled_at_many_points_resumes_and_converges_to_the_uninterrupted_result()
    {
        await using var h = await SyncHarness.StartAsync(new FakeSpotifyOptions { Seed = 9, LatencyMs = 2 });
        var clean = Path.Combine(h.Directory, "clean.db");
        var random = new Random(1234);
        var interrupted = 0;
        for (var phase = 0; phase < 2; phase++)
        {
            if (phase == 1)
            {
                h.Fake.Mutations.ApplyDemoScenario();
            }
            await h.SyncAsync(vaultPath: clean);
            for (var attempt = 0; attempt < 6; attempt++)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(5, 150)));
                try
                {
                    await h.SyncAsync(cancellationToken: cts.Token);
                }
                catch (OperationCanceledException)
                {
                    interrupted++;
                }
                Assert.Equal(["ok"], VaultFingerprint.IntegrityCheck(h.VaultPath));
            }
            await h.SyncAsync(); // uninterrupted: completes what is left
        }

        Assert.True(interrupted >= 6, $"only {interrupted} syncs were interrupted");
        VaultFingerprint.Compute(clean, out var expectedTables);
        VaultFingerprint.Compute(h.VaultPath, out var actualTables);
        var differing = expectedTables.Where(t => t.Value != actualTables[t.Key]).Select(t => t.Key).ToList();
        if (differing.Count > 0)
        {
            // Keep both vaults for a post-mortem; the failure message says where.
            var keep = Path.Combine(Path.GetTempPath(), "mv-convergence-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(keep);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var (source, name) in new[] { (clean, "clean.db"), (h.VaultPath, "interrupted.db") })
            {
                using var connection = VaultDatabase.Open(source);
                using var command = connection.CreateCommand();
                command.CommandText = $"VACUUM INTO '{Path.Combine(keep, name)}'";
                command.ExecuteNonQuery();
            }
            Assert.Fail($"Tables differ after {interrupted} interruptions: {string.Join(", ", differing)}; vaults kept in {keep}");
        }
    }

    [Fact]
    public async Task A_second_sync_of_the_same_vault_fails_at_once_with_VaultLocked()
    {
        await using var h = await SyncHarness.StartAsync();
        using var holder = new HoldingObserver();
        var first = Task.Run(() => h.SyncAsync(observer: holder));
        await holder.LockTaken.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            var ex = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync());
            Assert.Equal("VaultLocked", ex.ErrorId);
        }
        finally
        {
            holder.Release();
        }
        Assert.Equal("succeeded", (await first.WaitAsync(TimeSpan.FromSeconds(60))).Status);
        Assert.Equal("succeeded", (await h.SyncAsync()).Status);
    }

    [Fact]
    public async Task A_vault_refuses_another_users_library()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync(collections: [SyncCollection.Profile]);
        using (var db = h.OpenVault())
        {
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE sync_state SET value = 'someone-else' WHERE key = 'user_id'";
            command.ExecuteNonQuery();
        }
        var ex = await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync());
        Assert.Equal("VaultBelongsToAnotherUser", ex.ErrorId);
    }

    [Fact]
    public async Task A_full_pass_runs_by_itself_when_the_last_one_is_too_old()
    {
        await using var h = await SyncHarness.StartAsync();
        Assert.True((await h.SyncAsync()).Full);
        Assert.False((await h.SyncAsync()).Full);
        using (var db = h.OpenVault())
        {
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE sync_state SET value = '2020-01-01T00:00:00.000Z' WHERE key LIKE 'last_full_sync_at:%'";
            Assert.Equal(SyncOptions.DefaultCollections.Count, command.ExecuteNonQuery());
        }
        h.Fake.Requests.ResetCounts();

        var result = await h.SyncAsync();

        Assert.True(result.Full);
        Assert.Equal(h.Fake.Library.Playlists.Sum(p => p.IsEditableBy(h.Fake.Library.Me) ? Pages(p.Entries.Count) : 1), h.Fake.Requests.Count(ItemsRoute));
        Assert.Equal(0, result.Added + result.Removed + result.Changed);
    }

    [Fact]
    public async Task Images_are_downloaded_into_the_vault_with_DownloadImages()
    {
        await using var h = await SyncHarness.StartAsync(new FakeSpotifyOptions { ImagesOnFake = true });
        await h.SyncAsync(collections: [SyncCollection.Profile, SyncCollection.SavedAlbums, SyncCollection.Playlists]);
        using var db = h.OpenVault();
        var urls = VaultRead.Column<long>(db, "SELECT count(DISTINCT url) FROM images")[0];
        Assert.True(urls > 0);
        Assert.Equal(0L, VaultRead.Column<long>(db, "SELECT count(*) FROM image_data")[0]);

        using var session = await MusiVault.Engine.Spotify.Auth.SpotifySession.OpenAsync("default", null, h.Store, h.Options, CancellationToken.None);
        var result = await new SyncEngine(session.Client, new SyncOptions
        {
            VaultPath = h.VaultPath,
            Collections = [SyncCollection.Images],
            DownloadImages = true,
        }, h.Observer).RunAsync(CancellationToken.None);

        Assert.Equal(urls, result.Added);
        Assert.Equal(urls, VaultRead.Column<long>(db, "SELECT count(*) FROM image_data WHERE length(bytes) > 0")[0]);
    }

    [Fact]
    public async Task An_unreachable_image_host_ends_the_image_pass_with_one_warning_and_leaves_the_rest_for_later()
    {
        await using var h = await SyncHarness.StartAsync(new FakeSpotifyOptions { ImagesOnFake = true });
        await h.SyncAsync(collections: [SyncCollection.Profile, SyncCollection.SavedAlbums, SyncCollection.Playlists]);
        // A port nothing listens on: every download is refused, as when the CDN cannot be reached at all.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        long urls;
        using (var db = h.OpenVault())
        {
            using var move = db.CreateCommand();
            move.CommandText = $"UPDATE images SET url = 'http://127.0.0.1:{closedPort}' || substr(url, instr(url, '/_img/'))";
            move.ExecuteNonQuery();
            urls = VaultRead.Column<long>(db, "SELECT count(DISTINCT url) FROM images")[0];
        }
        Assert.True(urls > 2 * ImageSync.UnreachableAfter);

        using var session = await MusiVault.Engine.Spotify.Auth.SpotifySession.OpenAsync("default", null, h.Store, h.Options, CancellationToken.None);
        var observer = new RecordingObserver();
        var result = await new SyncEngine(session.Client, new SyncOptions
        {
            VaultPath = h.VaultPath,
            Collections = [SyncCollection.Images],
            DownloadImages = true,
        }, observer).RunAsync(CancellationToken.None);

        Assert.Equal(0, result.Added);
        var warning = Assert.Single(observer.Warnings);
        Assert.Contains("Stopped downloading images", warning, StringComparison.Ordinal);
        Assert.Contains("left for the next sync", warning, StringComparison.Ordinal);
        using var after = h.OpenVault();
        Assert.Equal(0L, VaultRead.Column<long>(after, "SELECT count(*) FROM image_data")[0]);
    }

    [Fact]
    public async Task Audio_features_are_stored_when_the_app_may_read_them_and_skipped_once_refused()
    {
        await using var h = await SyncHarness.StartAsync();
        h.Fake.Faults.AudioFeaturesAllowed = true;
        await h.SyncAsync(collections: [SyncCollection.LikedSongs, SyncCollection.AudioFeatures]);
        using var db = h.OpenVault();
        var features = VaultRead.Column<long>(db, "SELECT count(*) FROM audio_features")[0];
        Assert.True(features > 0);
        Assert.Equal(0L, VaultRead.Column<long>(db, "SELECT count(*) FROM audio_features WHERE json_valid(raw_json) = 0")[0]);

        await using var refused = await SyncHarness.StartAsync();
        await refused.SyncAsync(collections: [SyncCollection.LikedSongs, SyncCollection.AudioFeatures]);
        refused.Fake.Requests.ResetCounts();
        var again = await refused.SyncAsync(collections: [SyncCollection.AudioFeatures]);
        Assert.True(again.Collections.Single().Skipped);
        Assert.Equal(0, refused.Fake.Requests.Total);
    }

    [Fact]
    public async Task A_full_read_that_failed_midway_is_completed_by_the_next_sync()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var lib = h.Fake.Library;
        // One unliked deep in the list, one new like at the head: only a full read can see the removal.
        var deep = lib.LikedTracks[^3].Item.Id!;
        var liked = lib.LikedTracks.Select(t => t.Item.Id).ToHashSet();
        var fresh = lib.Tracks.Values.First(t => !t.IsLocal && t.IsPlayable && !liked.Contains(t.Id)).Id!;
        h.Fake.Mutations.Unlike(deep);
        h.Fake.Mutations.Like(fresh);
        // The full read that follows dies after its first pages were written (the page at offset 100 keeps failing).
        h.Fake.Faults.ServerError(count: 50, statusCode: 503, route: "GET /v1/me/tracks", skip: 2);
        await Assert.ThrowsAsync<MusiVaultException>(() => h.SyncAsync(collections: [SyncCollection.LikedSongs]));
        h.Fake.Faults.Clear();

        await h.SyncAsync(collections: [SyncCollection.LikedSongs]);

        using var db = h.OpenVault();
        Assert.Equal(lib.LikedTracks.Select(s => s.Item.Uri),
            VaultRead.Column<string>(db, "SELECT track_uri FROM liked_tracks WHERE removed_at IS NULL ORDER BY position"));
        Assert.Contains(VaultRead.Changes(db), c => c.Kind == "unliked" && c.EntityId == "spotify:track:" + deep);
    }
}
