using System.Globalization;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Query;

// A small library kept as plain C# objects (the source of truth for the expected results) and written into a real
// vault through the real schema. Names carry everything that breaks naive SQL or naive wildcards.

public sealed record SeedArtist(string Id, string Name, string? Genres = null, string? FollowedAt = null, string? UnfollowedAt = null, int? FollowPosition = null);

public sealed record SeedAlbum(string Id, string Name, string[] ArtistIds, string? ReleaseDate = null, string? SavedAt = null, string? UnsavedAt = null, int? SavePosition = null);

public sealed record SeedShow(string Id, string Name, string? Publisher = null, string? SavedAt = null, string? UnsavedAt = null);

public sealed record SeedItem(string Uri, string Type, string Name, string[] ArtistNames, string[]? ArtistIds = null,
    string? AlbumId = null, string? AlbumName = null, string? ShowId = null, long DurationMs = 180_000,
    bool Explicit = false, string? Isrc = null, string? UnavailableSince = null)
{
    public string? Id => Type == "local" ? null : Uri.Split(':')[^1];
}

public sealed record SeedLike(string Uri, string AddedAt, int Position, string? RemovedAt = null);

public sealed record SeedEntry(string? ItemUri, bool IsAvailable = true, string? AddedAt = null, string? AddedBy = null,
    bool IsLocal = false, string? LocalName = null, string? LocalArtist = null, string? LocalAlbum = null, long? LocalDurationMs = null);

public sealed record SeedPlaylist(string Id, string Name, string OwnerId, SeedEntry[] Entries, string? DeletedAt = null,
    bool? ItemsAvailable = true, int? ItemsTotal = null, int ListPosition = 0);

public sealed record SeedPlay(string PlayedAt, string TrackUri, string? ContextType = null);

public sealed record SeedTop(string Type, string Range, string CapturedAt, int Rank, string Key);

public sealed record SeedChange(int RunId, string ObservedAt, string EntityType, string EntityId, string Kind, string? Name = null,
    string? PlaylistId = null, string? OldValue = null, string? NewValue = null);

public sealed record SeedRun(int Id, string StartedAt, string? EndedAt, string Status, bool Full, string? Warnings = null);

public sealed class VaultSeed
{
    public const string Me = "me";
    public const string Injection = "x'); DROP TABLE tracks;--";

    public List<SeedArtist> Artists { get; } = [];
    public List<SeedAlbum> Albums { get; } = [];
    public List<SeedShow> Shows { get; } = [];
    public List<SeedItem> Items { get; } = [];
    public List<SeedLike> Likes { get; } = [];
    public List<SeedPlaylist> Playlists { get; } = [];
    public List<(string Uri, string AddedAt, string? RemovedAt)> SavedEpisodes { get; } = [];
    public List<SeedPlay> Plays { get; } = [];
    public List<SeedTop> Tops { get; } = [];
    public List<SeedChange> Changes { get; } = [];
    public List<SeedRun> Runs { get; } = [];

    /// <summary>The messy library every query test runs against.</summary>
    public static VaultSeed Messy()
    {
        var s = new VaultSeed();
        s.Artists.AddRange([
            new("ar1", "Édith Piaf", "[\"chanson\"]", FollowedAt: "2024-01-01T00:00:00Z", FollowPosition: 0),
            new("ar2", "100% Pure", FollowedAt: "2024-01-02T00:00:00Z", UnfollowedAt: "2024-06-01T00:00:00Z", FollowPosition: 1),
            new("ar3", "snake_case", FollowedAt: "2024-01-03T00:00:00Z", FollowPosition: 2),
            new("ar4", "O'Brien; Band"),
            new("ar5", "[Bracket] Boys"),
            new("ar6", "Straße Ensemble"),
            new("ar7", "日本のアーティスト"),
            new("ar8", Injection),
        ]);
        s.Albums.AddRange([
            new("al1", "Éclairs d'été", ["ar1"], "1960", SavedAt: "2024-02-01T10:00:00Z", SavePosition: 0),
            new("al2", "50% Off_Sale", ["ar2", "ar3"], "2001-05", SavedAt: "2024-02-02T10:00:00Z", UnsavedAt: "2024-05-01T00:00:00Z", SavePosition: 1),
            new("al3", "[Live] at Café", ["ar5"], "2010-10-10"),
            new("al4", "Road Trip Songs", ["ar4", "ar6"], "2020-01-01"),
        ]);
        s.Shows.AddRange([
            new("sh1", "Ça Podcast", "Radio Ö", SavedAt: "2024-03-01T00:00:00Z"),
            new("sh2", "Tech; Talk", "Pub_lisher", SavedAt: "2024-03-02T00:00:00Z", UnsavedAt: "2024-04-01T00:00:00Z"),
        ]);
        s.Items.AddRange([
            new("spotify:track:t01", "track", "La Vie en rose", ["Édith Piaf"], ["ar1"], "al1", DurationMs: 200_123, Isrc: "FR0001"),
            new("spotify:track:t02", "track", "éclair", ["Édith Piaf", "snake_case"], ["ar1", "ar3"], "al1", Explicit: true),
            new("spotify:track:t03", "track", "ÉCLAIR NOIR", ["Édith Piaf"], ["ar1"], "al1"),
            new("spotify:track:t04", "track", "100% Love", ["100% Pure"], ["ar2"], "al2"),
            new("spotify:track:t05", "track", "1000 Loves", ["100% Pure"], ["ar2"], "al2"),
            new("spotify:track:t06", "track", "under_score", ["snake_case"], ["ar3"], "al2"),
            new("spotify:track:t07", "track", "underXscore", ["snake_case"], ["ar3"], "al2"),
            new("spotify:track:t08", "track", "Don't Stop", ["O'Brien; Band"], ["ar4"], "al4"),
            new("spotify:track:t09", "track", "Semi; colon", ["O'Brien; Band", "Straße Ensemble"], ["ar4", "ar6"], "al4"),
            new("spotify:track:t10", "track", "[Intro]", ["[Bracket] Boys"], ["ar5"], "al3"),
            new("spotify:track:t11", "track", "Intro", ["[Bracket] Boys"], ["ar5"], "al3"),
            new("spotify:track:t12", "track", "Straße", ["Straße Ensemble"], ["ar6"], "al4"),
            new("spotify:track:t13", "track", "STRASSE", ["Straße Ensemble"], ["ar6"], "al4"),
            new("spotify:track:t14", "track", "東京の夜", ["日本のアーティスト"], ["ar7"], "al4"),
            new("spotify:track:t15", "track", "emoji 😀 song", ["日本のアーティスト"], ["ar7"], "al4"),
            new("spotify:track:t16", "track", Injection, [Injection], ["ar8"], "al4"),
            new("spotify:track:t17", "track", "Gone Song", ["100% Pure"], ["ar2"], "al2", UnavailableSince: "2024-07-01T00:00:00Z"),
            new("spotify:track:t18", "track", "Only Heard Once", ["snake_case"], ["ar3"], "al2"),
            new("spotify:local:Home+Band:Tapes:My+Demo:123", "local", "My Demo", ["Home Band"], [null!], AlbumName: "Tapes", DurationMs: 123_000),
            new("spotify:episode:e01", "episode", "Épisode un", [], ShowId: "sh1", DurationMs: 3_600_000),
            new("spotify:episode:e02", "episode", "Tech; Talk #2", [], ShowId: "sh2", DurationMs: 1_800_000),
        ]);
        s.Likes.AddRange([
            new("spotify:track:t01", "2024-05-01T08:00:00Z", 0),
            new("spotify:track:t02", "2024-04-01T08:00:00Z", 1),
            new("spotify:track:t04", "2024-03-01T08:00:00Z", 2),
            new("spotify:track:t08", "2024-02-01T08:00:00Z", 3, RemovedAt: "2024-06-10T00:00:00Z"),
            new("spotify:track:t12", "2024-01-01T08:00:00Z", 4),
            new("spotify:track:t16", "2023-12-01T08:00:00Z", 5),
            new("spotify:track:t17", "2023-11-01T08:00:00Z", 6),
        ]);
        s.Playlists.AddRange([
            new("pl1", "Road Trip", Me, [
                new("spotify:track:t09", AddedAt: "2024-03-01T00:00:00Z", AddedBy: Me),
                new("spotify:local:Home+Band:Tapes:My+Demo:123", AddedAt: "2024-03-02T00:00:00Z", AddedBy: Me, IsLocal: true, LocalName: "My Demo", LocalArtist: "Home Band", LocalAlbum: "Tapes", LocalDurationMs: 123_000),
                new("spotify:episode:e01", AddedAt: "2024-03-03T00:00:00Z", AddedBy: "friend"),
                new("spotify:track:t17", IsAvailable: false, AddedAt: "2024-03-04T00:00:00Z", AddedBy: Me),
                new(null, IsAvailable: false, AddedAt: "2024-03-05T00:00:00Z"),
                new("spotify:track:t09", AddedAt: "2024-03-06T00:00:00Z", AddedBy: Me),
                new("spotify:track:t13", AddedAt: "2024-03-07T00:00:00Z", AddedBy: Me),
            ], ListPosition: 0),
            new("pl2", "Road Trip 100% _Live_", "someone", [
                new("spotify:track:t10", AddedAt: "2024-04-01T00:00:00Z"),
                new("spotify:track:t11", AddedAt: "2024-04-02T00:00:00Z"),
            ], ListPosition: 1),
            new("pl3", "Café; Morning's", Me, [new("spotify:track:t03", AddedAt: "2024-05-01T00:00:00Z")], ListPosition: 2),
            new("pl4", "Old Mix", Me, [new("spotify:track:t05", AddedAt: "2022-01-01T00:00:00Z"), new("spotify:track:t06", AddedAt: "2022-01-02T00:00:00Z")],
                DeletedAt: "2024-06-01T00:00:00Z", ListPosition: 3),
            new("pl5", "Editorial [Top]", "spotify", [], ItemsAvailable: false, ItemsTotal: 50, ListPosition: 4),
            new("pl6", "Twin", Me, [new("spotify:track:t14")], ListPosition: 5),
            new("pl7", "twin", "someone", [new("spotify:track:t15")], ListPosition: 6),
        ]);
        s.SavedEpisodes.AddRange([("spotify:episode:e01", "2024-03-10T00:00:00Z", null), ("spotify:episode:e02", "2024-03-11T00:00:00Z", "2024-04-11T00:00:00Z")]);
        s.Plays.AddRange([
            new("2024-06-01T10:00:00.000Z", "spotify:track:t01", "playlist"),
            new("2024-06-01T11:00:00.000Z", "spotify:track:t18"),
            new("2024-06-02T09:30:00.000Z", "spotify:track:t02", "album"),
            new("2024-06-03T20:00:00.000Z", "spotify:track:t16"),
        ]);
        s.Runs.AddRange([
            new(1, "2024-06-01T00:00:00.000Z", "2024-06-01T00:05:00.000Z", "succeeded", true, "[\"Playlist 'Editorial [Top]': items not available\"]"),
            new(2, "2024-06-02T00:00:00.000Z", "2024-06-02T00:00:30.000Z", "failed", false),
            new(3, "2024-06-03T00:00:00.000Z", null, "running", false),
        ]);
        s.Tops.AddRange([
            new("artist", "short_term", "2024-06-01T00:00:00.000Z", 1, "ar3"),
            new("artist", "short_term", "2024-06-01T00:00:00.000Z", 2, "ar1"),
            new("artist", "short_term", "2024-06-02T00:00:00.000Z", 1, "ar1"),
            new("artist", "short_term", "2024-06-02T00:00:00.000Z", 2, "ar7"),
            new("artist", "short_term", "2024-06-02T00:00:00.000Z", 3, "ar3"),
            new("track", "long_term", "2024-06-01T00:00:00.000Z", 1, "spotify:track:t02"),
            new("track", "long_term", "2024-06-01T00:00:00.000Z", 2, "spotify:track:t01"),
            new("track", "medium_term", "2024-06-02T00:00:00.000Z", 1, "spotify:track:t18"),
        ]);
        s.Changes.AddRange([
            new(1, "2024-06-01T00:01:00.000Z", "playlist", "pl1", "added", "Road Trip"),
            new(1, "2024-06-01T00:02:00.000Z", "track", "spotify:track:t09", "added", "Semi; colon", "pl1"),
            new(2, "2024-06-02T00:00:10.000Z", "track", "spotify:track:t08", "unliked", "Don't Stop"),
            new(2, "2024-06-02T00:00:20.000Z", "playlist", "pl1", "renamed", "Road Trip", OldValue: "Road", NewValue: "Road Trip"),
            new(3, "2024-06-03T00:00:05.000Z", "track", "spotify:track:t17", "unavailable", "Gone Song", "pl1"),
            new(3, "2024-06-03T00:00:06.000Z", "playlist", "pl4", "removed", "Old Mix"),
        ]);
        return s;
    }

    public void WriteTo(string path)
    {
        using var connection = VaultDatabase.Open(path);
        using var tx = connection.BeginTransaction();
        const string seen = "2024-01-01T00:00:00.000Z";
        void Exec(string sql, params object?[] values)
        {
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
            }
            command.ExecuteNonQuery();
        }

        Exec("INSERT INTO profile (user_id, display_name, raw_json, updated_at) VALUES ($1, 'Me', '{}', $2)", Me, seen);
        foreach (var r in Runs)
        {
            Exec("INSERT INTO sync_runs (id, started_at, ended_at, status, full_sync, collections, requests, throttled, warnings) VALUES ($1,$2,$3,$4,$5,'{\"liked\":{\"added\":1}}',10,1,$6)",
                r.Id, r.StartedAt, r.EndedAt, r.Status, r.Full ? 1 : 0, r.Warnings);
        }
        foreach (var a in Artists)
        {
            Exec("INSERT INTO artists (id, uri, name, genres, first_seen_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)", a.Id, "spotify:artist:" + a.Id, a.Name, a.Genres, seen);
            if (a.FollowedAt is not null)
            {
                Exec("INSERT INTO followed_artists (artist_id, position, followed_at, removed_at) VALUES ($1,$2,$3,$4)", a.Id, a.FollowPosition, a.FollowedAt, a.UnfollowedAt);
            }
        }
        foreach (var a in Albums)
        {
            Exec("INSERT INTO albums (id, uri, name, release_date, first_seen_at, updated_at) VALUES ($1,$2,$3,$4,$5,$5)", a.Id, "spotify:album:" + a.Id, a.Name, a.ReleaseDate, seen);
            for (var i = 0; i < a.ArtistIds.Length; i++)
            {
                Exec("INSERT INTO album_artists (album_id, position, artist_id) VALUES ($1,$2,$3)", a.Id, i, a.ArtistIds[i]);
            }
            if (a.SavedAt is not null)
            {
                Exec("INSERT INTO saved_albums (album_id, added_at, position, removed_at) VALUES ($1,$2,$3,$4)", a.Id, a.SavedAt, a.SavePosition, a.UnsavedAt);
            }
        }
        foreach (var sh in Shows)
        {
            Exec("INSERT INTO shows (id, uri, name, publisher, first_seen_at, updated_at) VALUES ($1,$2,$3,$4,$5,$5)", sh.Id, "spotify:show:" + sh.Id, sh.Name, sh.Publisher, seen);
            if (sh.SavedAt is not null)
            {
                Exec("INSERT INTO saved_shows (show_id, added_at, position, removed_at) VALUES ($1,$2,0,$3)", sh.Id, sh.SavedAt, sh.UnsavedAt);
            }
        }
        foreach (var t in Items)
        {
            Exec("""
                INSERT INTO tracks (uri, id, type, name, album_id, album_name, show_id, duration_ms, explicit, isrc, raw_json, first_seen_at, updated_at, unavailable_since)
                VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'{}',$11,$11,$12)
                """, t.Uri, t.Id, t.Type, t.Name, t.AlbumId, t.AlbumName, t.ShowId, t.DurationMs, t.Explicit ? 1 : 0, t.Isrc, seen, t.UnavailableSince);
            for (var i = 0; i < t.ArtistNames.Length; i++)
            {
                Exec("INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ($1,$2,$3,$4)",
                    t.Uri, i, t.ArtistIds?[i], t.ArtistNames[i]);
            }
        }
        foreach (var l in Likes)
        {
            Exec("INSERT INTO liked_tracks (track_uri, added_at, position, removed_at) VALUES ($1,$2,$3,$4)", l.Uri, l.AddedAt, l.Position, l.RemovedAt);
        }
        foreach (var e in SavedEpisodes)
        {
            Exec("INSERT INTO saved_episodes (episode_uri, added_at, position, removed_at) VALUES ($1,$2,0,$3)", e.Uri, e.AddedAt, e.RemovedAt);
        }
        foreach (var p in Playlists)
        {
            Exec("""
                INSERT INTO playlists (id, uri, name, owner_id, owner_name, public, collaborative, snapshot_id, items_total, raw_json, items_available, list_position, first_seen_at, updated_at, deleted_at)
                VALUES ($1,$2,$3,$4,$5,1,0,'snap',$6,'{}',$7,$8,$9,$9,$10)
                """, p.Id, "spotify:playlist:" + p.Id, p.Name, p.OwnerId, p.OwnerId == Me ? "Me" : p.OwnerId, p.ItemsTotal ?? p.Entries.Length,
                p.ItemsAvailable is null ? null : p.ItemsAvailable.Value ? 1 : 0, p.ListPosition, seen, p.DeletedAt);
            for (var i = 0; i < p.Entries.Length; i++)
            {
                var e = p.Entries[i];
                Exec("""
                    INSERT INTO playlist_entries (playlist_id, position, item_uri, is_available, added_at, added_by, is_local, local_name, local_artist, local_album, local_duration_ms)
                    VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
                    """, p.Id, i, e.ItemUri, e.IsAvailable ? 1 : 0, e.AddedAt, e.AddedBy, e.IsLocal ? 1 : 0, e.LocalName, e.LocalArtist, e.LocalAlbum, e.LocalDurationMs);
            }
        }
        foreach (var pl in Plays)
        {
            Exec("INSERT INTO recently_played (played_at, track_uri, context_type) VALUES ($1,$2,$3)", pl.PlayedAt, pl.TrackUri, pl.ContextType);
        }
        foreach (var t in Tops)
        {
            Exec("INSERT INTO top_items (item_type, time_range, captured_at, rank, item_key, run_id) VALUES ($1,$2,$3,$4,$5,1)", t.Type, t.Range, t.CapturedAt, t.Rank, t.Key);
        }
        foreach (var c in Changes)
        {
            Exec("INSERT INTO changes (run_id, observed_at, entity_type, entity_id, kind, name, playlist_id, old_value, new_value) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                c.RunId, c.ObservedAt, c.EntityType, c.EntityId, c.Kind, c.Name, c.PlaylistId, c.OldValue, c.NewValue);
        }
        tx.Commit();
    }

    public static DateTime Utc(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>A hash of every row of every table: equal before and after means nothing changed.</summary>
    public static string ContentHash(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table','index','trigger','view') ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        void Add(string text) => sha.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\u0001"));
        Add(string.Join(",", tables));
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name, coalesce(sql,'') FROM sqlite_master ORDER BY name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                Add(reader.GetString(0) + reader.GetString(1) + reader.GetString(2));
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = command.ExecuteReader();
            var names = new List<string>();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
            foreach (var table in names)
            {
                using var rows = connection.CreateCommand();
                rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1, 2";
                using var r = rows.ExecuteReader();
                while (r.Read())
                {
                    for (var i = 0; i < r.FieldCount; i++)
                    {
                        Add(r.IsDBNull(i) ? "<null>" : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture) ?? "");
                    }
                }
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA user_version";
            Add(Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "");
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
