namespace MusiVault.Engine.Vault;

/// <summary>
/// The saved collections: liked songs, saved albums, shows and episodes, and followed artists. Each keeps removed rows
/// (removed_at set) so the archive remembers them. Followed artists have no date from Spotify: their date is the
/// first time we saw them followed, kept across re-reads. Every stretch of time an item was in its collection is also kept
/// in saved_intervals (point in time). Writes run inside the caller's transaction.
/// </summary>
internal sealed class SavedCollectionStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    private sealed record Table(string Name, string KeyColumn, string DateColumn, bool DateIsFirstSeen);

    private static Table TableOf(SyncCollection collection) => collection switch
    {
        SyncCollection.LikedSongs => new("liked_tracks", "track_uri", "added_at", false),
        SyncCollection.SavedAlbums => new("saved_albums", "album_id", "added_at", false),
        SyncCollection.SavedShows => new("saved_shows", "show_id", "added_at", false),
        SyncCollection.SavedEpisodes => new("saved_episodes", "episode_uri", "added_at", false),
        SyncCollection.FollowedArtists => new("followed_artists", "artist_id", "followed_at", true),
        _ => throw new ArgumentOutOfRangeException(nameof(collection), collection, "Not a saved collection."),
    };

    /// <summary>The items in the collection now (key → stored position), in stored order.</summary>
    public Dictionary<string, int> LoadCurrent(SyncCollection collection)
    {
        var table = TableOf(collection);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = _writer.Query($"SELECT {table.KeyColumn}, position FROM {table.Name} WHERE removed_at IS NULL ORDER BY position");
        while (reader.Read())
        {
            result[reader.GetString(0)] = reader.IsDBNull(1) ? -1 : reader.GetInt32(1);
        }
        return result;
    }

    /// <summary>Stores an item at its position (back in the collection if it had been removed).</summary>
    public void Save(SyncCollection collection, string key, DateTimeOffset? addedAt, int position)
    {
        var table = TableOf(collection);
        OpenInterval(table, key, table.DateIsFirstSeen ? null : VaultWriter.Timestamp(addedAt));
        if (table.DateIsFirstSeen)
        {
            _writer.Execute($"""
                INSERT INTO {table.Name} ({table.KeyColumn}, position, {table.DateColumn}, removed_at) VALUES ($1, $2, $3, NULL)
                ON CONFLICT ({table.KeyColumn}) DO UPDATE SET position = excluded.position,
                    {table.DateColumn} = CASE WHEN {table.Name}.removed_at IS NULL THEN {table.Name}.{table.DateColumn} ELSE excluded.{table.DateColumn} END,
                    removed_at = NULL
                """, key, position, _writer.Now);
            return;
        }
        _writer.Execute($"""
            INSERT INTO {table.Name} ({table.KeyColumn}, {table.DateColumn}, position, removed_at) VALUES ($1, $2, $3, NULL)
            ON CONFLICT ({table.KeyColumn}) DO UPDATE SET {table.DateColumn} = excluded.{table.DateColumn}, position = excluded.position, removed_at = NULL
            """, key, VaultWriter.Timestamp(addedAt), position);
    }

    public void MarkRemoved(SyncCollection collection, string key)
    {
        var table = TableOf(collection);
        _writer.Execute($"UPDATE {table.Name} SET removed_at = $2, position = NULL WHERE {table.KeyColumn} = $1", key, _writer.Now);
        _writer.Execute("UPDATE saved_intervals SET valid_to = $3 WHERE collection = $1 AND item_key = $2 AND valid_to IS NULL",
            table.Name, key, _writer.Now);
    }

    /// <summary>
    /// Records that <paramref name="key"/> was in the collection from <paramref name="from"/> to <paramref name="to"/>
    /// (null = still), e.g. from an imported snapshot; <paramref name="addedAt"/> is Spotify's date when known (kept as an
    /// attribute: the stretch starts at <paramref name="from"/>). A stretch that starts at the same instant is kept as it is.
    /// </summary>
    public void RecordInterval(SyncCollection collection, string key, DateTimeOffset? addedAt, DateTimeOffset from, DateTimeOffset? to)
    {
        var table = TableOf(collection);
        var first = VaultWriter.Timestamp(from);
        var added = VaultWriter.Timestamp(addedAt);
        _writer.Execute("""
            INSERT OR IGNORE INTO saved_intervals (collection, item_key, valid_from, valid_to, added_at, first_seen)
            VALUES ($1, $2, $4, $5, $3, $4)
            """, table.Name, key, added, first, VaultWriter.Timestamp(to));
    }

    // Point in time: an item seen in the collection with no open stretch starts one (first save, or back after a removal).
    // It starts when the vault saw it, not at Spotify's added_at: as of any instant the answer is what the vault had seen
    // by then (an added_at can predate a sync that did not list the item, e.g. a restored or backdated save).
    private void OpenInterval(Table table, string key, string? addedAt) =>
        _writer.Execute("""
            INSERT OR IGNORE INTO saved_intervals (collection, item_key, valid_from, valid_to, added_at, first_seen)
            SELECT $1, $2, $4, NULL, $3, $4
            WHERE NOT EXISTS (SELECT 1 FROM saved_intervals WHERE collection = $1 AND item_key = $2 AND valid_to IS NULL)
            """, table.Name, key, addedAt, _writer.Now);

    /// <summary>Makes room at the head for <paramref name="count"/> new items.</summary>
    public void ShiftPositions(SyncCollection collection, int count)
    {
        var table = TableOf(collection);
        _writer.Execute($"UPDATE {table.Name} SET position = position + $1 WHERE removed_at IS NULL", count);
    }
}
