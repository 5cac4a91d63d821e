using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>What the vault knows of a playlist before this run's listing.</summary>
internal sealed record StoredPlaylist(string Name, string? Description, string? SnapshotId, string? ItemsSnapshotId,
    int? ItemsAvailable, bool Warned, bool Deleted);

/// <summary>
/// The playlists table: the user's list of playlists (their details, position and deletion) and whether their items
/// could be read. The entries themselves are <see cref="PlaylistEntryStore"/>'s. Writes run inside the caller's transaction.
/// </summary>
internal sealed class PlaylistStore(VaultWriter writer, EntityStore entities)
{
    private readonly VaultWriter _writer = writer;
    private readonly EntityStore _entities = entities;

    public Dictionary<string, StoredPlaylist> LoadAll()
    {
        var stored = new Dictionary<string, StoredPlaylist>(StringComparer.Ordinal);
        using var reader = _writer.Query("SELECT id, name, description, snapshot_id, items_snapshot_id, items_available, unavailable_warned, deleted_at FROM playlists");
        while (reader.Read())
        {
            stored[reader.GetString(0)] = new StoredPlaylist(reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt64(6) != 0, !reader.IsDBNull(7));
        }
        return stored;
    }

    /// <summary>Stores a listed playlist's details at its place in the user's list (undeleting it if needed).</summary>
    public void UpsertListed(SpotifyPlaylist playlist, int listPosition)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        _writer.Execute("""
            INSERT INTO playlists (id, uri, name, description, owner_id, owner_name, public, collaborative, snapshot_id, items_total,
                followers, raw_json, list_position, first_seen_at, updated_at, deleted_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, NULL)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, description = excluded.description,
                owner_id = excluded.owner_id, owner_name = excluded.owner_name, public = excluded.public,
                collaborative = excluded.collaborative, snapshot_id = excluded.snapshot_id, items_total = excluded.items_total,
                followers = coalesce(excluded.followers, playlists.followers), raw_json = excluded.raw_json,
                list_position = excluded.list_position, updated_at = excluded.updated_at, deleted_at = NULL
            """, playlist.Id, playlist.Uri, playlist.Name, playlist.Description, playlist.OwnerId, playlist.OwnerName,
            playlist.Public is null ? null : playlist.Public.Value ? 1 : 0, playlist.Collaborative ? 1 : 0, playlist.SnapshotId,
            playlist.ItemsTotal, playlist.Followers, playlist.RawJson, listPosition, _writer.Now);
        _entities.WriteImages(ImageOwner.Playlist, playlist.Id, playlist.Images);
    }

    public void MarkDeleted(string playlistId) =>
        _writer.Execute("UPDATE playlists SET deleted_at = $2, last_changed_at = $2 WHERE id = $1", playlistId, _writer.Now);

    public void MarkChanged(string playlistId) =>
        _writer.Execute("UPDATE playlists SET last_changed_at = $2 WHERE id = $1", playlistId, _writer.Now);

    /// <summary>Spotify refused this app the playlist's items; remembered so the warning is given once.</summary>
    public void MarkItemsRefused(string playlistId, string? reason) => _writer.Execute("""
        UPDATE playlists SET items_available = 0, items_unavailable_reason = $2, unavailable_warned = 1, items_synced_at = $3
        WHERE id = $1
        """, playlistId, reason, _writer.Now);

    /// <summary>The items of the playlist's current snapshot are stored.</summary>
    public void MarkItemsRead(string playlistId) => _writer.Execute("""
        UPDATE playlists SET items_available = 1, items_unavailable_reason = NULL, items_snapshot_id = snapshot_id, items_synced_at = $2
        WHERE id = $1
        """, playlistId, _writer.Now);
}
