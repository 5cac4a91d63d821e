using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// A hash of what a vault holds, leaving out when things were observed (timestamps, run ids). Two vaults synced from
/// the same library have the same fingerprint however often their syncs were interrupted: that is the convergence
/// guarantee the crash tests check. Also a cheap way to see whether anything changed.
/// </summary>
internal static class VaultFingerprint
{
    // Per table: the columns that describe content. Observation times and run ids are deliberately absent.
    private static readonly (string Table, string Columns)[] ContentTables =
    [
        ("profile", "user_id, display_name, uri, followers, raw_json"),
        ("artists", "id, uri, name, genres, followers, raw_json"),
        ("albums", "id, uri, name, album_type, release_date, release_date_precision, total_tracks, label, upc, raw_json"),
        ("album_artists", "album_id, position, artist_id"),
        ("shows", "id, uri, name, publisher, description, total_episodes, explicit, raw_json"),
        ("tracks", "uri, id, type, name, album_id, album_name, show_id, duration_ms, explicit, isrc, disc_number, track_number, release_date, is_playable, raw_json, unavailable_since IS NULL"),
        ("track_artists", "track_uri, position, artist_id, artist_name"),
        ("playlists", "id, uri, name, description, owner_id, owner_name, public, collaborative, snapshot_id, items_total, raw_json, items_available, items_snapshot_id, list_position, deleted_at IS NULL"),
        ("playlist_entries", "playlist_id, position, item_uri, is_available, added_at, added_by, is_local, local_name, local_artist, local_album, local_duration_ms"),
        ("liked_tracks", "track_uri, added_at, position, removed_at IS NULL"),
        ("saved_albums", "album_id, added_at, position, removed_at IS NULL"),
        ("saved_shows", "show_id, added_at, position, removed_at IS NULL"),
        ("saved_episodes", "episode_uri, added_at, position, removed_at IS NULL"),
        ("followed_artists", "artist_id, position, removed_at IS NULL"),
        ("top_items", "item_type, time_range, rank, item_key"),
        ("plays", "identity, ended_at, (SELECT item_key FROM play_items i WHERE i.id = item_id), ms_played, source, platform, country, reason_start, reason_end, shuffle, skipped, offline, offline_at, incognito, context_type, context_uri"),
        ("play_items", "item_key, kind, uri, name, artist, album, show, audiobook_uri"),
        ("images", "entity_type, entity_id, url, width, height"),
        ("changes", "entity_type, entity_id, kind, name, playlist_id, old_value, new_value"),
    ];

    /// <summary>SHA-256 (hex) over every content table.</summary>
    public static string Compute(string vaultPath) => Compute(vaultPath, out _);

    /// <summary>Also returns one hash per table, to say where two vaults differ.</summary>
    public static string Compute(string vaultPath, out IReadOnlyDictionary<string, string> perTable, bool includeRawJson = true)
    {
        using var connection = VaultDatabase.Open(vaultPath, readOnly: true);
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, columns) in ContentTables)
        {
            var selected = includeRawJson ? columns : string.Join(", ", columns.Split(", ").Where(c => c != "raw_json"));
            var hash = HashTable(connection, table, selected);
            tables[table] = hash;
            all.AppendData(Encoding.UTF8.GetBytes(table + "=" + hash + "\n"));
        }
        perTable = tables;
        return Convert.ToHexString(all.GetHashAndReset()).ToLowerInvariant();
    }

    private static string HashTable(SqliteConnection connection, string table, string columns)
    {
        using var command = connection.CreateCommand();
        // Rows are sorted by all their content columns, so insertion order (which differs between runs) is irrelevant.
        var count = columns.Split(',').Length;
        command.CommandText = $"SELECT {columns} FROM {table} ORDER BY {string.Join(", ", Enumerable.Range(1, count))}";
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var row = new StringBuilder();
        while (reader.Read())
        {
            row.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\u241F');
            }
            row.Append('\u241E');
            hash.AppendData(Encoding.UTF8.GetBytes(row.ToString()));
        }
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>PRAGMA integrity_check: "ok" or the problems SQLite found.</summary>
    public static IReadOnlyList<string> IntegrityCheck(string vaultPath)
    {
        using var connection = VaultDatabase.Open(vaultPath, readOnly: true);
        return IntegrityCheck(connection);
    }

    internal static IReadOnlyList<string> IntegrityCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }
        using var fk = connection.CreateCommand();
        fk.CommandText = "PRAGMA foreign_key_check;";
        using var fkReader = fk.ExecuteReader();
        while (fkReader.Read())
        {
            lines.Add($"foreign key violation: {fkReader.GetString(0)} row {fkReader.GetValue(1)} -> {fkReader.GetString(2)}");
        }
        if (lines.Count > 1 && lines[0] == "ok")
        {
            lines.RemoveAt(0);
        }
        return lines;
    }
}
