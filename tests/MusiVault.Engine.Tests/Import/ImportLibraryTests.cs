using Microsoft.Data.Sqlite;
using MusiVault.Engine.Import;
using MusiVault.Engine.Query;
using MusiVault.Engine.Tests.Sync;
using MusiVault.Engine.Vault;
using MusiVault.FakeSpotify.DataExport;

namespace MusiVault.Engine.Tests.Import;

/// <summary>YourLibrary.json and Playlist*.json as history: alone, re-imported, and before a synced vault's first sync.</summary>
public sealed class ImportLibraryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    private static ImportResult Import(string vault, string path) =>
        ImportService.Import(vault, [path], new ImportOptions(), null, CancellationToken.None);

    // The generator's newest date: its playlists' lastModifiedDate and its last plays are at DataExportSpec.End.
    private static DateTimeOffset ExportDate(VaultQueries queries) =>
        queries.Plays(new PlayQuery { IncludeSkipped = true }).Max(p => p.EndedAt);

    private static long Count(string vault, string sql)
    {
        using var connection = VaultDatabase.Open(vault);
        return VaultRead.Column<long>(connection, sql).Single();
    }

    private static string Fingerprint(string vault) => string.Join(",",
        Count(vault, "SELECT count(*) FROM saved_intervals"), Count(vault, "SELECT count(*) FROM playlist_entry_versions"),
        Count(vault, "SELECT count(*) FROM playlists"), Count(vault, "SELECT count(*) FROM playlist_entries"),
        Count(vault, "SELECT count(*) FROM liked_tracks"), Count(vault, "SELECT count(*) FROM tracks"),
        Count(vault, "SELECT count(*) FROM track_artists"));

    [Fact]
    public void A_vault_made_from_an_export_alone_lists_its_playlists_items_in_order_and_its_liked_songs_and_a_reimport_adds_nothing()
    {
        var export = Path.Combine(_temp.Path, "export");
        var manifest = DataExportGenerator.Write(export, new DataExportSpec { Plays = 600, Years = 1, Seed = 5 });
        var vault = Path.Combine(_temp.Path, "alone.db");

        var first = Import(vault, export);

        Assert.Equal(manifest.Playlists, first.Playlists);
        Assert.Equal(manifest.LibraryItems.Values.Sum(), first.LibraryItems);
        var queries = new VaultQueries(vault);
        var playlists = queries.Playlists(new PlaylistQuery()).ToList();
        Assert.Equal(manifest.Playlists, playlists.Count);
        Assert.All(playlists, p => Assert.StartsWith("export:", p.Id, StringComparison.Ordinal));
        Assert.Equal(2, playlists.Count(p => p.Name == "Road trip"));
        Assert.Equal(manifest.PlaylistItems, playlists.Sum(p => p.TrackCount));

        var exportDate = ExportDate(queries);
        var items = 0;
        foreach (var playlist in playlists)
        {
            var now = queries.Tracks(new TrackQuery { Playlist = playlist.Id }).ToList();
            var then = queries.Tracks(new TrackQuery { Playlist = playlist.Id, AsOf = exportDate }).ToList();
            Assert.Equal(Enumerable.Range(0, now.Count), now.Select(t => t.Position!.Value));
            Assert.Equal(now.Select(t => (t.Uri, t.Name)), then.Select(t => (t.Uri, t.Name)));
            items += now.Count;
        }
        Assert.Equal(manifest.PlaylistItems, items);
        Assert.Equal(manifest.PlaylistItemsWithoutUri, Count(vault, "SELECT count(*) FROM playlist_entries WHERE item_uri IS NULL"));

        var liked = queries.Tracks(new TrackQuery { Liked = true }).ToList();
        Assert.Equal(manifest.LibraryItems["tracks"], liked.Count);
        Assert.Equal(manifest.LibraryItems["tracks"], queries.Tracks(new TrackQuery { Liked = true, AsOf = exportDate }).Count());
        Assert.Contains(liked, t => t.IsLocal && t.Uri!.StartsWith("spotify:local:", StringComparison.Ordinal) && t.Artists.Count == 1);
        Assert.DoesNotContain(liked, t => string.IsNullOrEmpty(t.Name));
        Assert.Throws<MusiVaultException>(() => queries.Tracks(new TrackQuery { Liked = true, AsOf = exportDate.AddDays(-400) }).ToList());

        var before = Fingerprint(vault);
        var again = Import(vault, export);
        Assert.Equal(first.Playlists, again.Playlists);
        Assert.Equal(first.LibraryItems, again.LibraryItems);
        Assert.Equal(before, Fingerprint(vault));
    }

    [Fact]
    public void The_synthetic_playlist_id_is_stable_and_tells_same_named_playlists_apart()
    {
        Assert.Equal(LibraryImport.SyntheticId("Road trip", 4), LibraryImport.SyntheticId("Road trip", 4));
        Assert.NotEqual(LibraryImport.SyntheticId("Road trip", 4), LibraryImport.SyntheticId("Road trip", 6));
        Assert.Matches("^export:[0-9a-f]{16}$", LibraryImport.SyntheticId("Road trip", 4));
    }

    [Fact]
    public async Task An_older_export_into_a_synced_vault_extends_history_backwards_without_false_changes()
    {
        await using var h = await SyncHarness.StartAsync();
        await h.SyncAsync();
        var queries = new VaultQueries(h.VaultPath);
        var likedNow = queries.Tracks(new TrackQuery { Liked = true }).Select(t => t.Uri).ToList();
        var playlistsNow = queries.Playlists(new PlaylistQuery()).Select(p => (p.Id, p.Name, p.DeletedAt)).ToList();
        string Current() => string.Join(",", Count(h.VaultPath, "SELECT count(*) FROM liked_tracks"),
            Count(h.VaultPath, "SELECT count(*) FROM playlist_entries"), Count(h.VaultPath, "SELECT count(*) FROM changes"),
            Count(h.VaultPath, "SELECT count(*) FROM saved_intervals WHERE valid_to IS NULL"),
            Count(h.VaultPath, "SELECT count(*) FROM playlist_entry_versions WHERE valid_to IS NULL"),
            Count(h.VaultPath, "SELECT count(*) FROM playlists WHERE deleted_at IS NULL"));
        var currentBefore = Current();
        var firstSync = queries.SyncRuns(null).Min(r => r.StartedAt);

        var export = Path.Combine(_temp.Path, "old-export");
        var manifest = DataExportGenerator.Write(export, new DataExportSpec { Plays = 400, Years = 1, Seed = 9 });
        var result = Import(h.VaultPath, export);
        Assert.Equal(manifest.Playlists, result.Playlists);

        // The synced state is untouched: no change rows, nothing opened, closed or listed anew.
        Assert.Equal(currentBefore, Current());
        Assert.Equal(likedNow, queries.Tracks(new TrackQuery { Liked = true }).Select(t => t.Uri).ToList());
        Assert.Equal(likedNow, queries.Tracks(new TrackQuery { Liked = true, AsOf = DateTimeOffset.UtcNow }).Select(t => t.Uri).ToList());
        Assert.Equal(playlistsNow.Where(p => p.DeletedAt is null).Select(p => p.Id),
            queries.Playlists(new PlaylistQuery()).Where(p => p.DeletedAt is null).Select(p => p.Id));
        // Every imported stretch ends by the first sync's start (never "now", never open).
        var stamp = AsOfReads.Stamp(firstSync);
        Assert.Equal(0, Count(h.VaultPath, $"SELECT count(*) FROM saved_intervals WHERE valid_from < '{stamp}' AND (valid_to IS NULL OR valid_to > '{stamp}')"));
        Assert.Equal(0, Count(h.VaultPath, $"SELECT count(*) FROM playlist_entry_versions WHERE valid_from < '{stamp}' AND (valid_to IS NULL OR valid_to > '{stamp}')"));

        // History now reaches back to the export: its liked songs and playlists as of its date.
        var exportDate = ExportDate(queries);
        Assert.True(exportDate < firstSync);
        Assert.Equal(manifest.LibraryItems["tracks"], queries.Tracks(new TrackQuery { Liked = true, AsOf = exportDate }).Count());
        var exported = queries.Playlists(new PlaylistQuery { IncludeDeleted = true }).Where(p => p.Id.StartsWith("export:", StringComparison.Ordinal)).ToList();
        Assert.Equal(manifest.Playlists, exported.Count);
        Assert.All(exported, p => Assert.Equal(firstSync, p.DeletedAt));
        Assert.Equal(manifest.PlaylistItems, exported.Sum(p => queries.Tracks(new TrackQuery { Playlist = p.Id, AsOf = exportDate }).Count()));

        var before = Fingerprint(h.VaultPath);
        Import(h.VaultPath, export);
        Assert.Equal(before, Fingerprint(h.VaultPath));

        // A later sync sees the same account: still no change rows.
        var changes = Count(h.VaultPath, "SELECT count(*) FROM changes");
        await h.SyncAsync();
        Assert.Equal(changes, Count(h.VaultPath, "SELECT count(*) FROM changes"));
        Assert.Equal(likedNow, queries.Tracks(new TrackQuery { Liked = true }).Select(t => t.Uri).ToList());
    }
}
