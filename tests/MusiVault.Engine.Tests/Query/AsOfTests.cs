using Microsoft.Data.Sqlite;
using MusiVault.Engine.Query;
using MusiVault.Engine.Tests.Sync;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Query;

/// <summary>Point in time against the fake: sync, change the fake, sync again, read as of before and after.</summary>
public sealed class AsOfTests
{
    private static List<string?> Uris(IEnumerable<VaultTrack> tracks) => tracks.Select(t => t.Uri).ToList();

    [Fact]
    public async Task A_playlist_and_liked_songs_read_as_of_a_date_between_two_syncs_are_as_the_first_sync_saw_them()
    {
        await using var h = await SyncHarness.StartAsync();
        var beforeAll = Clock.Instant();
        await h.SyncAsync();
        var queries = new VaultQueries(h.VaultPath);
        var playlist = h.Fake.Library.Playlists.First(p => p.IsEditableBy(h.Fake.Library.Me) && p.Entries.Count >= 5);
        var firstOrder = Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id }));
        var firstLiked = Uris(queries.Tracks(new TrackQuery { Liked = true }));
        var between = Clock.Instant();

        h.Fake.Mutations.Move(playlist.Id, 0, playlist.Entries.Count);
        h.Fake.Mutations.Move(playlist.Id, 1, 0);
        var unliked = h.Fake.Library.LikedTracks[2].Item.Id!;
        h.Fake.Mutations.Unlike(unliked);
        var liked = h.Fake.Library.Tracks.Keys.First(id => !h.Fake.Library.LikedTracks.Exists(s => s.Item.Id == id) && !h.Fake.Library.Tracks[id].IsLocal);
        h.Fake.Mutations.Like(liked);
        await h.SyncAsync();
        var after = Clock.Instant();

        var nowOrder = Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id }));
        Assert.NotEqual(firstOrder, nowOrder);
        Assert.Equal(firstOrder, Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id, AsOf = between })));
        Assert.Equal(nowOrder, Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id, AsOf = after })));

        var thenLiked = Uris(queries.Tracks(new TrackQuery { Liked = true, AsOf = between }));
        Assert.Equal(firstLiked, thenLiked);
        Assert.Contains("spotify:track:" + unliked, thenLiked);
        var nowLiked = Uris(queries.Tracks(new TrackQuery { Liked = true, AsOf = after }));
        Assert.Equal(Uris(queries.Tracks(new TrackQuery { Liked = true })), nowLiked);
        Assert.DoesNotContain("spotify:track:" + unliked, nowLiked);
        Assert.Contains("spotify:track:" + liked, nowLiked);

        var ex = Assert.Throws<MusiVaultException>(() => queries.Tracks(new TrackQuery { Playlist = playlist.Id, AsOf = beforeAll }).ToList());
        Assert.Equal("AsOfBeforeHistory", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Category);
        Assert.NotNull(queries.PlaylistHistoryStart(playlist.Id));
        Assert.Contains(queries.PlaylistHistoryStart(playlist.Id)!.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Equal("AsOfBeforeHistory", Assert.Throws<MusiVaultException>(() => queries.Albums(new AlbumQuery { Saved = true, AsOf = beforeAll }).ToList()).ErrorId);
        Assert.Equal("AsOfNeedsCollection", Assert.Throws<MusiVaultException>(() => queries.Tracks(new TrackQuery { AsOf = after }).ToList()).ErrorId);
    }

    [Fact]
    public async Task Saved_collections_as_of_keep_a_second_stretch_after_an_unlike_and_a_relike()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var queries = new VaultQueries(h.VaultPath);
        var album = h.Fake.Library.SavedAlbums[0].Item;
        var artist = h.Fake.Library.FollowedArtists[0];
        var track = h.Fake.Library.LikedTracks[0].Item.Id!;
        var t1 = Clock.Instant();
        h.Fake.Mutations.RemoveUri(album.Uri);
        h.Fake.Mutations.RemoveUri(artist.Uri);
        h.Fake.Mutations.Unlike(track);
        await h.SyncAsync();
        var t2 = Clock.Instant();
        h.Fake.Mutations.SaveUri(album.Uri);
        h.Fake.Mutations.SaveUri(artist.Uri);
        h.Fake.Mutations.Like(track);
        await h.SyncAsync();
        var t3 = Clock.Instant();

        bool AlbumSaved(DateTimeOffset at) => queries.Albums(new AlbumQuery { Saved = true, AsOf = at }).Any(a => a.Id == album.Id);
        bool ArtistFollowed(DateTimeOffset at) => queries.Artists(new ArtistQuery { Followed = true, AsOf = at }).Any(a => a.Id == artist.Id);
        bool TrackLiked(DateTimeOffset at) => queries.Tracks(new TrackQuery { Liked = true, AsOf = at }).Any(t => t.Id == track);
        Assert.Equal([true, false, true], new[] { t1, t2, t3 }.Select(AlbumSaved));
        Assert.Equal([true, false, true], new[] { t1, t2, t3 }.Select(ArtistFollowed));
        Assert.Equal([true, false, true], new[] { t1, t2, t3 }.Select(TrackLiked));
        Assert.Equal(queries.Shows(new ShowQuery { Saved = true }).Select(s => s.Id).Order(), queries.Shows(new ShowQuery { Saved = true, AsOf = t3 }).Select(s => s.Id).Order());
        Assert.Equal(queries.Episodes(new EpisodeQuery { Saved = true }).Select(s => s.Uri).Order(), queries.Episodes(new EpisodeQuery { Saved = true, AsOf = t3 }).Select(s => s.Uri).Order());

        using var db = h.OpenVault();
        Assert.Equal(2, VaultRead.Column<long>(db, "SELECT count(*) FROM saved_intervals WHERE collection = 'saved_albums' AND item_key = $1", album.Id)[0]);
    }

    [Fact]
    public async Task Migration_builds_intervals_from_the_current_state_and_the_history()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var playlist = h.Fake.Library.Playlists.First(p => p.IsEditableBy(h.Fake.Library.Me) && p.Entries.Count >= 5);
        var track = h.Fake.Library.LikedTracks[1].Item.Id!;
        h.Fake.Mutations.Unlike(track);
        h.Fake.Mutations.Move(playlist.Id, 0, 3);
        await h.SyncAsync();
        h.Fake.Mutations.Like(track);
        await h.SyncAsync();
        var queries = new VaultQueries(h.VaultPath);
        var order = Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id }));
        var liked = Uris(queries.Tracks(new TrackQuery { Liked = true }));

        // Make it a vault an older MusiVault left: no interval tables, schema 3.
        using (var db = h.OpenVault())
        {
            using var command = db.CreateCommand();
            // Later migrations (restore journal, plays) are undone too, so they run again on top of the rebuilt intervals.
            command.CommandText = """
                DROP TABLE playlist_entry_versions; DROP TABLE saved_intervals; DROP TABLE restore_journal;
                DROP VIEW recently_played; DROP TABLE plays; DROP TABLE play_items;
                CREATE TABLE recently_played (played_at TEXT NOT NULL, track_uri TEXT NOT NULL REFERENCES tracks (uri),
                    context_type TEXT, context_uri TEXT, PRIMARY KEY (played_at, track_uri)) STRICT, WITHOUT ROWID;
                PRAGMA user_version = 3;
                """;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        using (var db = h.OpenVault())
        {
            Assert.Equal(VaultSchema.CurrentVersion, VaultSchema.GetVersion(db));
            Assert.Equal(2, VaultRead.Column<long>(db, "SELECT count(*) FROM saved_intervals WHERE collection = 'liked_tracks' AND item_key = $1", "spotify:track:" + track)[0]);
            var reorderedAt = VaultRead.Column<string>(db, "SELECT max(observed_at) FROM changes WHERE playlist_id = $1 AND kind = 'reordered'", playlist.Id)[0];
            Assert.Equal(reorderedAt, VaultRead.Column<string>(db, "SELECT min(valid_from) FROM playlist_entry_versions WHERE playlist_id = $1", playlist.Id)[0]);
        }
        var now = Clock.Instant();
        Assert.Equal(order, Uris(queries.Tracks(new TrackQuery { Playlist = playlist.Id, AsOf = now })));
        Assert.Equal(liked.Order(), Uris(queries.Tracks(new TrackQuery { Liked = true, AsOf = now })).Order());
    }
}
