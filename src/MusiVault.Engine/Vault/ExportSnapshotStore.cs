namespace MusiVault.Engine.Vault;

/// <summary>
/// What a Spotify data export says the account held at the export's date (YourLibrary.json, Playlist*.json), written as
/// history: stretches in saved_intervals and playlist_entry_versions that never overlap what the vault already knows
/// (a stretch ends where a known one of the same item or position starts), plus the rows the reads join to (minimal
/// tracks, the export's playlists). Runs inside the caller's transaction.
/// </summary>
internal sealed class ExportSnapshotStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    /// <summary>When the first sync started; null when the vault was never synced.</summary>
    public DateTimeOffset? FirstSyncStart()
    {
        using var reader = _writer.Query("SELECT min(started_at) FROM sync_runs");
        return reader.Read() && !reader.IsDBNull(0)
            ? DateTimeOffset.Parse(reader.GetString(0), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal)
            : null;
    }

    /// <summary>A track or episode the export names with a URI; a row Spotify already gave is kept as it is.</summary>
    public void EnsureItem(string uri, string type, string name, string? artist, string? album)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var inserted = _writer.Execute("""
            INSERT OR IGNORE INTO tracks (uri, id, type, name, album_name, duration_ms, explicit, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, 0, 0, '{"source":"export"}', $6, $6)
            """, uri, uri.Split(':') is [_, _, var id] ? id : null, type, name, album, _writer.Now);
        if (inserted > 0 && artist is not null)
        {
            _writer.Execute("INSERT OR IGNORE INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ($1, 0, NULL, $2)", uri, artist);
        }
    }

    /// <summary>The one live playlist named <paramref name="name"/> the sync stored; null if none or several.</summary>
    public string? SyncedPlaylistNamed(string name)
    {
        using var reader = _writer.Query("""
            SELECT id FROM playlists WHERE name = $1 AND deleted_at IS NULL AND id NOT LIKE 'export:%' LIMIT 2
            """, name);
        var id = reader.Read() ? reader.GetString(0) : null;
        return id is not null && !reader.Read() ? id : null;
    }

    /// <summary>Stores an export playlist once (the first import's details stay); <paramref name="deletedAt"/> when the synced list lacks it.</summary>
    public void AddPlaylist(string id, string name, string? description, int? followers, int listPosition, DateTimeOffset seen,
        DateTimeOffset? deletedAt) =>
        _writer.Execute("""
            INSERT OR IGNORE INTO playlists (id, uri, name, description, collaborative, followers, raw_json, items_available,
                list_position, first_seen_at, updated_at, deleted_at)
            VALUES ($1, NULL, $2, $3, 0, $4, '{"source":"export"}', 1, $5, $6, $6, $7)
            """, id, name, description, followers, listPosition, VaultWriter.Timestamp(seen), VaultWriter.Timestamp(deletedAt));

    /// <summary>The current entries of an export playlist, written only while it has none (a vault made from exports alone).</summary>
    public void AddCurrentEntries(string playlistId, IReadOnlyList<PlaylistEntryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using (var reader = _writer.Query("SELECT 1 FROM playlist_entries WHERE playlist_id = $1 LIMIT 1", playlistId))
        {
            if (reader.Read())
            {
                return;
            }
        }
        for (var position = 0; position < rows.Count; position++)
        {
            var row = rows[position];
            _writer.Execute("""
                INSERT INTO playlist_entries (playlist_id, position, item_uri, is_available, added_at, added_by, is_local,
                    local_name, local_artist, local_album, local_duration_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, playlistId, position, row.ItemUri, row.Available ? 1 : 0, row.AddedAt, row.AddedBy, row.IsLocal ? 1 : 0,
                row.LocalName, row.LocalArtist, row.LocalAlbum, row.LocalDurationMs);
        }
    }

    /// <summary>
    /// <paramref name="position"/> held <paramref name="row"/> from <paramref name="from"/> until <paramref name="to"/>
    /// (null = no end known), cut short where a known version of that position starts; nothing when a known version
    /// already covers <paramref name="from"/>. Returns whether a version was written.
    /// </summary>
    public bool RecordEntry(string playlistId, int position, PlaylistEntryRow row, DateTimeOffset from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _writer.Execute("""
            INSERT OR IGNORE INTO playlist_entry_versions (playlist_id, position, valid_from, valid_to, item_uri, is_available,
                added_at, added_by, is_local, local_name, local_artist, local_album, local_duration_ms)
            SELECT $1, $2, $3, CASE WHEN n.next IS NOT NULL AND ($4 IS NULL OR n.next < $4) THEN n.next ELSE $4 END,
                   $5, $6, $7, $8, $9, $10, $11, $12, $13
            FROM (SELECT min(valid_from) AS next FROM playlist_entry_versions WHERE playlist_id = $1 AND position = $2 AND valid_from > $3) n
            WHERE ($4 IS NULL OR $3 < $4)
              AND NOT EXISTS (SELECT 1 FROM playlist_entry_versions WHERE playlist_id = $1 AND position = $2
                              AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3))
            """, playlistId, position, VaultWriter.Timestamp(from), VaultWriter.Timestamp(to), row.ItemUri, row.Available ? 1 : 0,
            row.AddedAt, row.AddedBy, row.IsLocal ? 1 : 0, row.LocalName, row.LocalArtist, row.LocalAlbum, row.LocalDurationMs) > 0;
    }

    /// <summary>The saved-collection form of <see cref="RecordEntry"/>: <paramref name="key"/> was in <paramref name="collection"/>.</summary>
    public bool RecordSaved(SyncCollection collection, string key, DateTimeOffset from, DateTimeOffset? to)
    {
        var table = collection switch
        {
            SyncCollection.LikedSongs => "liked_tracks",
            SyncCollection.SavedAlbums => "saved_albums",
            SyncCollection.SavedShows => "saved_shows",
            SyncCollection.SavedEpisodes => "saved_episodes",
            SyncCollection.FollowedArtists => "followed_artists",
            _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "Not a saved collection."),
        };
        return _writer.Execute("""
            INSERT OR IGNORE INTO saved_intervals (collection, item_key, valid_from, valid_to, added_at, first_seen)
            SELECT $1, $2, $3, CASE WHEN n.next IS NOT NULL AND ($4 IS NULL OR n.next < $4) THEN n.next ELSE $4 END, NULL, $3
            FROM (SELECT min(valid_from) AS next FROM saved_intervals WHERE collection = $1 AND item_key = $2 AND valid_from > $3) n
            WHERE ($4 IS NULL OR $3 < $4)
              AND NOT EXISTS (SELECT 1 FROM saved_intervals WHERE collection = $1 AND item_key = $2
                              AND valid_from <= $3 AND (valid_to IS NULL OR valid_to > $3))
            """, table, key, VaultWriter.Timestamp(from), VaultWriter.Timestamp(to)) > 0;
    }
}
