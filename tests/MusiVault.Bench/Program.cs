using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Vault;

// Store throughput: playlist entries persisted through the vault's own path (VaultSession's PlaylistEntryStore, one transaction
// per playlist, as the sync does) versus a bare Microsoft.Data.Sqlite insert of the same rows in one transaction.
// Prints one JSON object.
var entriesTotal = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50_000;
const int PlaylistSize = 1_000;
var uniqueTracks = entriesTotal / 2;

var tracks = Enumerable.Range(0, uniqueTracks).Select(MakeTrack).ToArray();
var random = new Random(42);
var playlists = new List<(SpotifyPlaylist Playlist, List<SpotifyPlaylistEntry> Entries)>();
for (var p = 0; p * PlaylistSize < entriesTotal; p++)
{
    var id = $"bench{p:D18}pl";
    var playlist = new SpotifyPlaylist { Id = id, Uri = "spotify:playlist:" + id, Name = $"Playlist {p}", SnapshotId = "s1", RawJson = "{}" };
    var entries = Enumerable.Range(0, Math.Min(PlaylistSize, entriesTotal - p * PlaylistSize)).Select(i => new SpotifyPlaylistEntry
    {
        AddedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        AddedBy = "benchuser",
        Item = tracks[random.Next(tracks.Length)],
    }).ToList();
    playlists.Add((playlist, entries));
}

var dir = Directory.CreateTempSubdirectory("mv-bench-").FullName;
try
{
    // Ours.
    var vaultPath = Path.Combine(dir, "vault.db");
    var ours = Stopwatch.StartNew();
    using (var vault = VaultSession.Open(vaultPath, DateTimeOffset.UtcNow))
    {
        var entryStore = vault.PlaylistEntries(vault.History(vault.Runs.Start(full: true)));
        var listPosition = 0;
        foreach (var (playlist, entries) in playlists)
        {
            vault.InTransaction(() =>
            {
                vault.Playlists.UpsertListed(playlist, listPosition++);
                entryStore.Replace(playlist, entries, quiet: true);
            });
        }
    }
    ours.Stop();

    // The same playlists again, as a re-sync of changed playlists does: items already stored and unchanged.
    var again = Stopwatch.StartNew();
    using (var vault = VaultSession.Open(vaultPath, DateTimeOffset.UtcNow))
    {
        var entryStore = vault.PlaylistEntries(vault.History(vault.Runs.Start(full: false)));
        foreach (var (playlist, entries) in playlists)
        {
            vault.InTransaction(() => entryStore.Replace(playlist, entries, quiet: true));
        }
    }
    again.Stop();

    // Bare: the same entry rows (with the item's JSON) in one transaction, one prepared insert.
    var barePath = Path.Combine(dir, "bare.db");
    var bare = Stopwatch.StartNew();
    using (var connection = new SqliteConnection($"Data Source={barePath};Pooling=false"))
    {
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE entries (playlist_id TEXT, position INTEGER, item_uri TEXT, added_at TEXT, added_by TEXT, raw_json TEXT, PRIMARY KEY (playlist_id, position));";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO entries VALUES ($p, $i, $u, $a, $b, $j)";
        var pp = insert.Parameters.Add("$p", SqliteType.Text);
        var pi = insert.Parameters.Add("$i", SqliteType.Integer);
        var pu = insert.Parameters.Add("$u", SqliteType.Text);
        var pa = insert.Parameters.Add("$a", SqliteType.Text);
        var pb = insert.Parameters.Add("$b", SqliteType.Text);
        var pj = insert.Parameters.Add("$j", SqliteType.Text);
        insert.Prepare();
        foreach (var (playlist, entries) in playlists)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                pp.Value = playlist.Id;
                pi.Value = i;
                pu.Value = entries[i].Item!.Uri;
                pa.Value = VaultWriter.Timestamp(entries[i].AddedAt!.Value);
                pb.Value = entries[i].AddedBy;
                pj.Value = entries[i].Item!.RawJson;
                insert.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }
    bare.Stop();

    var result = new Dictionary<string, object>
    {
        ["entries"] = entriesTotal,
        ["uniqueTracks"] = uniqueTracks,
        ["oursSeconds"] = ours.Elapsed.TotalSeconds,
        ["bareSeconds"] = bare.Elapsed.TotalSeconds,
        ["oursRowsPerSecond"] = entriesTotal / ours.Elapsed.TotalSeconds,
        ["bareRowsPerSecond"] = entriesTotal / bare.Elapsed.TotalSeconds,
        ["ratio"] = ours.Elapsed.TotalSeconds / bare.Elapsed.TotalSeconds,
        ["rewriteSeconds"] = again.Elapsed.TotalSeconds,
        ["rewriteRowsPerSecond"] = entriesTotal / again.Elapsed.TotalSeconds,
    };
    Console.WriteLine(JsonSerializer.Serialize(result));
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(dir, recursive: true);
}

static SpotifyPlayable MakeTrack(int i)
{
    var id = $"{i:D22}";
    var artistId = $"a{i % 2000:D21}";
    var albumId = $"b{i % 5000:D21}";
    var raw = $$"""
        {"album":{"album_type":"album","artists":[{"external_urls":{"spotify":"https://open.spotify.com/artist/{{artistId}}"},"href":"https://api.spotify.com/v1/artists/{{artistId}}","id":"{{artistId}}","name":"Artist {{i % 2000}}","type":"artist","uri":"spotify:artist:{{artistId}}"}],"external_urls":{"spotify":"https://open.spotify.com/album/{{albumId}}"},"href":"https://api.spotify.com/v1/albums/{{albumId}}","id":"{{albumId}}","images":[{"height":640,"url":"https://i.scdn.co/image/{{albumId}}640","width":640},{"height":300,"url":"https://i.scdn.co/image/{{albumId}}300","width":300}],"name":"Album {{i % 5000}}","release_date":"2019-05-17","release_date_precision":"day","total_tracks":12,"type":"album","uri":"spotify:album:{{albumId}}"},"artists":[{"external_urls":{"spotify":"https://open.spotify.com/artist/{{artistId}}"},"href":"https://api.spotify.com/v1/artists/{{artistId}}","id":"{{artistId}}","name":"Artist {{i % 2000}}","type":"artist","uri":"spotify:artist:{{artistId}}"}],"disc_number":1,"duration_ms":{{180000 + i % 60000}},"explicit":false,"external_ids":{"isrc":"USRC1{{i:D7}}"},"external_urls":{"spotify":"https://open.spotify.com/track/{{id}}"},"href":"https://api.spotify.com/v1/tracks/{{id}}","id":"{{id}}","is_local":false,"name":"Track {{i}}","track_number":{{1 + i % 12}},"type":"track","uri":"spotify:track:{{id}}"}
        """;
    var artist = new SpotifyArtistRef(artistId, "spotify:artist:" + artistId, $"Artist {i % 2000}");
    return new SpotifyPlayable
    {
        Kind = PlayableKind.Track,
        Id = id,
        Uri = "spotify:track:" + id,
        Name = $"Track {i}",
        DurationMs = 180000 + i % 60000,
        Isrc = $"USRC1{i:D7}",
        DiscNumber = 1,
        TrackNumber = 1 + i % 12,
        Artists = [artist],
        Album = new SpotifyAlbumRef(albumId, "spotify:album:" + albumId, $"Album {i % 5000}", "album", "2019-05-17", "day", [artist],
            [new SpotifyImage($"https://i.scdn.co/image/{albumId}640", 640, 640), new SpotifyImage($"https://i.scdn.co/image/{albumId}300", 300, 300)]),
        RawJson = raw,
    };
}
