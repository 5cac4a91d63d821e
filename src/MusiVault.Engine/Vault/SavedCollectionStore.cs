namespace MusiVault.Engine.Vault;

/// <summary>
/// The saved collections: liked songs, saved albums, shows and episodes, and followed artists. Each keeps removed rows
/// (removed_at set) so the archive remembers them. Followed artists have no date from Spotify: their date is the
/// first time we saw them followed, kept across re-reads. Writes run inside the caller's transaction.
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
    }

    /// <summary>Makes room at the head for <paramref name="count"/> new items.</summary>
    public void ShiftPositions(SyncCollection collection, int count)
    {
        var table = TableOf(collection);
        _writer.Execute($"UPDATE {table.Name} SET position = position + $1 WHERE removed_at IS NULL", count);
    }
}
