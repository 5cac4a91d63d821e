using Microsoft.Data.Sqlite;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Tests.Vault;

/// <summary>Migration 3 carries a vault written by schema 2 over: images and artist names kept, stored once.</summary>
public sealed class MigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mv-migrate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Migration_3_moves_image_columns_and_artist_names_into_their_tables_and_drops_them()
    {
        var path = Path.Combine(_dir, "v2.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            VaultDatabase.Execute(connection, "PRAGMA foreign_keys = ON;");
            VaultSchema.Migrate(connection, 2);
            VaultDatabase.Execute(connection, """
                INSERT INTO profile (user_id, display_name, images, raw_json, updated_at)
                    VALUES ('ann', 'Ann', '[{"url":"https://i/p1","width":64,"height":64}]', '{}', 't');
                INSERT INTO artists (id, name, images, first_seen_at, updated_at)
                    VALUES ('ar1', 'Artist One', '[{"url":"https://i/a1","width":300,"height":300},{"url":"https://i/a2"}]', 't', 't');
                INSERT INTO albums (id, name, images, first_seen_at, updated_at) VALUES ('al1', 'Album', '[{"url":"https://i/al1","width":640,"height":640}]', 't', 't');
                INSERT INTO shows (id, name, images, first_seen_at, updated_at) VALUES ('sh1', 'Show', 'not json', 't', 't');
                INSERT INTO playlists (id, name, collaborative, images, raw_json, first_seen_at, updated_at)
                    VALUES ('pl1', 'List', 0, '[{"url":"https://i/pl1","width":null,"height":null}]', '{}', 't', 't');
                -- Already in images: kept as it is, not duplicated.
                INSERT INTO images (entity_type, entity_id, url, width, height) VALUES ('album', 'al1', 'https://i/al1', 640, 640);
                -- A track whose names were only in artist_names; one whose track_artists rows exist already.
                INSERT INTO tracks (uri, id, type, name, duration_ms, explicit, artist_names, raw_json, first_seen_at, updated_at)
                    VALUES ('spotify:track:t1', 't1', 'track', 'Song', 1000, 0, '["Artist One","Guest"]',
                            '{"artists":[{"id":"ar1","name":"Artist One"},{"id":"unknown","name":"Guest"}]}', 't', 't');
                INSERT INTO tracks (uri, id, type, name, duration_ms, explicit, artist_names, raw_json, first_seen_at, updated_at)
                    VALUES ('spotify:track:t2', 't2', 'track', 'Other', 1000, 0, '["Artist One"]', '{}', 't', 't');
                INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ('spotify:track:t2', 0, 'ar1', 'Artist One');
                """);
        }

        using var vault = VaultDatabase.Open(path);

        Assert.Equal(VaultSchema.CurrentVersion, VaultSchema.GetVersion(vault));
        Assert.Equal(
            ["album|al1|https://i/al1|640|640", "artist|ar1|https://i/a1|300|300", "artist|ar1|https://i/a2||",
             "playlist|pl1|https://i/pl1||", "profile|ann|https://i/p1|64|64"],
            Rows(vault, "SELECT entity_type, entity_id, url, width, height FROM images ORDER BY 1, 2, 3"));
        Assert.Equal(
            ["spotify:track:t1|0|ar1|Artist One", "spotify:track:t1|1||Guest", "spotify:track:t2|0|ar1|Artist One"],
            Rows(vault, "SELECT track_uri, position, artist_id, artist_name FROM track_artists ORDER BY 1, 2"));
        foreach (var table in new[] { "profile", "artists", "albums", "shows", "playlists" })
        {
            Assert.DoesNotContain("images", Rows(vault, $"SELECT name FROM pragma_table_info('{table}')"));
        }
        Assert.DoesNotContain("artist_names", Rows(vault, "SELECT name FROM pragma_table_info('tracks')"));
        Assert.Equal(["ok"], VaultFingerprint.IntegrityCheck(path));
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }
}
