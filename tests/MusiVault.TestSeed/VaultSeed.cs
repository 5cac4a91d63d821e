using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace MusiVault.TestSeed;

// A small library kept as plain C# objects (the source of truth for the expected results) and written into a real
// vault through the real store (VaultSeedWriter). Names carry everything that breaks naive SQL or naive wildcards.
// Pester sends its own seed in this shape as JSON (tests/Pester/data/QuerySeed.ps1).

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

public sealed record SeedRun(int Id, string StartedAt, string? EndedAt, string Status, bool Full, string? Warnings = null, long Requests = 10);

public sealed record SeedSavedEpisode(string Uri, string AddedAt, string? RemovedAt = null);

[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)] // the lists are get-only: read into them
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
    public List<SeedSavedEpisode> SavedEpisodes { get; } = [];
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
        s.SavedEpisodes.AddRange([new("spotify:episode:e01", "2024-03-10T00:00:00Z"), new("spotify:episode:e02", "2024-03-11T00:00:00Z", "2024-04-11T00:00:00Z")]);
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
            new(1, "2024-06-01T00:01:00.000Z", "playlist", "pl1", "added", "Road Trip", "pl1"),
            new(1, "2024-06-01T00:02:00.000Z", "track", "spotify:track:t09", "added", "Semi; colon", "pl1"),
            new(2, "2024-06-02T00:00:10.000Z", "track", "spotify:track:t08", "unliked", "Don't Stop"),
            new(2, "2024-06-02T00:00:20.000Z", "playlist", "pl1", "renamed", "Road Trip", OldValue: "Road", NewValue: "Road Trip"),
            new(3, "2024-06-03T00:00:05.000Z", "track", "spotify:track:t17", "unavailable", "Gone Song", "pl1"),
            new(3, "2024-06-03T00:00:06.000Z", "playlist", "pl4", "removed", "Old Mix", "pl4"),
        ]);
        return s;
    }

    /// <summary>Writes the seed into a new vault at <paramref name="path"/> through the real store.</summary>
    public void WriteTo(string path) => VaultSeedWriter.Write(this, path);

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
