using MusiVault.Engine.Export;
using MusiVault.Engine.Query;
using MusiVault.Engine.Tests.Sync;
using MusiVault.FakeSpotify;

namespace MusiVault.Engine.Tests.Export;

/// <summary>A vault synced from the fake's small library (every special playlist), shared by the read tests.</summary>
public sealed class SyncedExportVault : IAsyncLifetime
{
    internal SyncHarness Harness { get; private set; } = null!;

    internal FakeLibrary Library => Harness.Fake.Library;

    public async Task InitializeAsync()
    {
        Harness = await SyncHarness.StartAsync(new FakeSpotifyOptions { Seed = 21 });
        await Harness.SyncAsync(full: true);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>The export read side against a vault synced from the fake, whose library is the independent oracle.</summary>
public sealed class ExportReadsTests(SyncedExportVault vault) : IClassFixture<SyncedExportVault>
{
    private readonly ReadSession _read = new(vault.Harness.VaultPath);

    private IEnumerable<FakePlaylist> Readable() =>
        vault.Library.Playlists.Where(p => p.Owner.Id == vault.Library.Me.Id || p.Collaborators.Exists(c => c.Id == vault.Library.Me.Id));

    [Fact]
    public void Every_readable_playlist_exports_the_fakes_entries_in_order()
    {
        foreach (var playlist in Readable())
        {
            var entries = ExportReads.PlaylistEntries(_read, playlist.Id, includeRemoved: false).ToList();
            Assert.Equal(playlist.Entries.Select(e => e.Item?.Uri), entries.Select(e => e.Uri));
            Assert.Equal(Enumerable.Range(0, entries.Count), entries.Select(e => e.Position));
            for (var i = 0; i < entries.Count; i++)
            {
                AssertEntry(playlist.Entries[i], entries[i]);
            }
        }
    }

    private static void AssertEntry(FakePlaylistEntry expected, ExportEntry actual)
    {
        Assert.Null(actual.RemovedAt);
        Assert.Equal(string.IsNullOrEmpty(expected.AddedBy?.Id) ? null : expected.AddedBy.Id, actual.AddedBy);
        Assert.Equal(expected.AddedAt?.ToUnixTimeSeconds(), actual.AddedAt?.ToUnixTimeSeconds());
        switch (expected.Item)
        {
            case null:
                // Spotify sent no item and the vault never knew one: kept as an entry with nothing but its place.
                Assert.Equal(ExportItemKind.Unknown, actual.Kind);
                Assert.False(actual.IsAvailable);
                break;
            case FakeTrack { IsLocal: true } local:
                Assert.Equal(ExportItemKind.LocalFile, actual.Kind);
                Assert.True(actual.IsLocal);
                Assert.Null(actual.Id);
                Assert.Equal(local.Name, actual.LocalName);
                Assert.Equal(local.LocalArtistName, actual.LocalArtist);
                Assert.Equal(local.LocalAlbumName, actual.LocalAlbum);
                break;
            case FakeTrack track:
                Assert.Equal(ExportItemKind.Track, actual.Kind);
                Assert.Equal(track.Id, actual.Id);
                Assert.Equal(track.Name, actual.Name);
                Assert.Equal(track.Artists.Select(a => new ExportArtist(a.Name, a.Uri)), actual.Artists);
                Assert.Equal(track.Album!.Uri, actual.AlbumUri);
                Assert.Equal(track.Album.Name, actual.AlbumName);
                Assert.Equal(track.Album.Artists.Select(a => new ExportArtist(a.Name, a.Uri)), actual.AlbumArtists);
                Assert.Equal(track.Album.ReleaseDate, actual.AlbumReleaseDate);
                if (track.Album.Images.Count > 0)
                {
                    Assert.StartsWith("https://", actual.AlbumImageUrl, StringComparison.Ordinal);
                }
                Assert.Equal(track.Isrc, actual.Isrc);
                Assert.Equal(track.DurationMs, actual.DurationMs);
                Assert.Equal(track.TrackNumber, actual.TrackNumber);
                Assert.Equal(track.DiscNumber, actual.DiscNumber);
                Assert.Equal(track.Explicit, actual.Explicit);
                Assert.NotNull(actual.RawJson);
                break;
            case FakeEpisode episode:
                Assert.Equal(ExportItemKind.Episode, actual.Kind);
                Assert.Equal(episode.Name, actual.Name);
                Assert.Equal(episode.Show.Uri, actual.ShowUri);
                Assert.Equal(episode.Show.Name, actual.ShowName);
                break;
        }
    }

    [Fact]
    public void Liked_songs_export_in_the_fakes_order()
    {
        var entries = ExportReads.LikedEntries(_read, includeRemoved: false).ToList();
        Assert.Equal(vault.Library.LikedTracks.Select(s => s.Item.Uri), entries.Select(e => e.Uri));
        Assert.All(entries, e => Assert.Equal(ExportItemKind.Track, e.Kind));
        Assert.All(entries, e => Assert.NotEmpty(e.Artists));
        var header = ExportReads.Liked(_read);
        Assert.Equal("Liked Songs", header.Name);
        Assert.Null(header.Id);
        Assert.Equal(vault.Library.Me.Id, header.OwnerId);
    }

    [Fact]
    public void Headers_carry_name_owner_and_the_raw_playlist_object()
    {
        var headers = ExportReads.Playlists(_read, null, includeDeleted: false).ToList();
        Assert.Equal(vault.Library.Playlists.Select(p => p.Id), headers.Select(h => h.Id));
        foreach (var (fake, header) in vault.Library.Playlists.Zip(headers))
        {
            Assert.Equal(fake.Name, header.Name);
            Assert.Equal(fake.Uri, header.Uri);
            Assert.Equal(fake.Owner.Id, header.OwnerId);
            Assert.Contains(fake.Id, header.RawJson, StringComparison.Ordinal);
        }
        var foreign = vault.Library.Playlists.Except(Readable()).Select(p => p.Id).ToHashSet();
        Assert.NotEmpty(foreign);
        Assert.All(headers.Where(h => foreign.Contains(h.Id!)), h => Assert.False(h.ItemsAvailable));
    }

    [Fact]
    public void Entries_stream_one_row_per_entry()
    {
        var largest = Readable().OrderByDescending(p => p.Entries.Count).First();
        var rows = 0;
        var read = new ReadSession(vault.Harness.VaultPath) { RowRead = () => rows++ };
        using var entries = ExportReads.PlaylistEntries(read, largest.Id, includeRemoved: true).GetEnumerator();
        Assert.True(entries.MoveNext());
        Assert.Equal(1, rows);
    }

    [Theory]
    [InlineData("[]", 0)]
    [InlineData("""[["A, B",null],["C","id1"]]""", 2)]
    [InlineData("""[[]]""", 0)]
    [InlineData("""[["only"],["x","y","extra"]]""", 2)]
    [InlineData("not json", 0)]
    [InlineData("""[["broken" """, 0)]
    public void Artist_pairs_survive_odd_json(string json, int count)
    {
        var pairs = ExportReads.Pairs(json);
        Assert.Equal(count, pairs.Count);
        if (json.Contains("id1", StringComparison.Ordinal))
        {
            Assert.Equal(new ExportArtist("A, B", null), pairs[0]);
            Assert.Equal(new ExportArtist("C", "spotify:artist:id1"), pairs[1]);
        }
    }
}

/// <summary>Removed entries need a library that changes between two syncs, so this class has its own vault.</summary>
public sealed class ExportReadsRemovedTests : IAsyncLifetime
{
    private SyncHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await SyncHarness.StartAsync(new FakeSpotifyOptions { Seed = 22 });

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task IncludeRemoved_appends_removed_entries_and_unliked_songs_with_their_removal_time()
    {
        await _harness.SyncAsync(full: true);
        var library = _harness.Fake.Library;
        var playlist = library.Playlists.First(p => p.Owner.Id == library.Me.Id && p.Entries.Count > 5 && p.Entries.All(e => e.Item is FakeTrack { IsLocal: false }));
        var removedUri = playlist.Entries[2].Item!.Uri;
        var unliked = library.LikedTracks[1].Item;
        var entriesThen = playlist.Entries.Select(e => e.Item?.Uri).ToList();
        var likedThen = library.LikedTracks.Select(s => s.Item.Uri).ToList();
        var nameThen = playlist.Name;
        // Vault times are milliseconds and the next sync's changes count from its start: on a fast machine a plain
        // UtcNow here can share that millisecond, and "then" would already see the changes.
        var then = Clock.Instant();
        _harness.Fake.Mutations.Rename(playlist.Id, nameThen + " (renamed)");
        _harness.Fake.Mutations.RemoveAt(playlist.Id, 2);
        _harness.Fake.Mutations.Unlike(unliked.Id!);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _harness.SyncAsync(full: true);

        var read = new ReadSession(_harness.VaultPath);
        var now = ExportReads.PlaylistEntries(read, playlist.Id, includeRemoved: false).ToList();
        Assert.Equal(playlist.Entries.Select(e => e.Item?.Uri), now.Select(e => e.Uri));
        Assert.All(now, e => Assert.Null(e.RemovedAt));

        var all = ExportReads.PlaylistEntries(read, playlist.Id, includeRemoved: true).ToList();
        Assert.Equal(now.Count + 1, all.Count);
        var removed = all[^1];
        Assert.Equal(removedUri, removed.Uri);
        Assert.Equal(now.Count, removed.Position);
        Assert.NotNull(removed.RemovedAt);
        Assert.InRange(removed.RemovedAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.NotNull(removed.Name);
        Assert.NotEmpty(removed.Artists);

        var liked = ExportReads.LikedEntries(read, includeRemoved: true).ToList();
        Assert.Equal(library.LikedTracks.Select(s => s.Item.Uri).Append(unliked.Uri), liked.Select(e => e.Uri));
        Assert.NotNull(liked[^1].RemovedAt);
        Assert.All(liked.SkipLast(1), e => Assert.Null(e.RemovedAt));

        // As of before the changes: the entries, liked songs and name of then; nothing was removed by then.
        Assert.Equal(entriesThen, ExportReads.PlaylistEntries(read, playlist.Id, includeRemoved: true, then).Select(e => e.Uri));
        Assert.Equal(likedThen, ExportReads.LikedEntries(read, includeRemoved: true, then).Select(e => e.Uri));
        Assert.Equal(nameThen, ExportReads.Playlists(read, [playlist.Id], includeDeleted: true, then).Single().Name);
        Assert.Equal(nameThen + " (renamed)", ExportReads.Playlists(read, [playlist.Id], includeDeleted: true).Single().Name);
        var early = Assert.Throws<MusiVaultException>(() => ExportReads.PlaylistEntries(read, playlist.Id, false, then.AddYears(-5)));
        Assert.Equal("AsOfBeforeHistory", early.ErrorId);
        Assert.Equal("AsOfBeforeHistory", Assert.Throws<MusiVaultException>(() => ExportReads.LikedEntries(read, false, then.AddYears(-5))).ErrorId);
        // As of now with -IncludeRemoved: the removal and the unlike are there, with their dates.
        var asOfNow = DateTimeOffset.UtcNow.AddSeconds(1);
        Assert.Equal(all.Select(e => e.Uri), ExportReads.PlaylistEntries(read, playlist.Id, includeRemoved: true, asOfNow).Select(e => e.Uri));
        Assert.Equal(liked.Select(e => e.Uri), ExportReads.LikedEntries(read, includeRemoved: true, asOfNow).Select(e => e.Uri));

        // Added back later: the occurrence is in the playlist again, so it is no longer listed as removed.
        _harness.Fake.Mutations.AddUris(playlist.Id, [removedUri]);
        await _harness.SyncAsync(full: true);
        var again = ExportReads.PlaylistEntries(read, playlist.Id, includeRemoved: true).ToList();
        Assert.All(again, e => Assert.Null(e.RemovedAt));
        Assert.Equal(playlist.Entries.Count, again.Count);
    }
}
