namespace MusiVault.Engine.Vault;

/// <summary>
/// Writes the history (the <c>changes</c> table) for one sync run. The kinds come from <see cref="VaultChangeKind"/>;
/// each method says which fact it records. Runs inside the caller's transaction.
/// </summary>
internal sealed class HistoryWriter(VaultWriter writer, long runId)
{
    private readonly VaultWriter _writer = writer;

    public long RunId { get; } = runId;

    /// <summary>An item joined or left a saved collection: <paramref name="kind"/> is liked/unliked, saved/unsaved or followed/unfollowed.</summary>
    public void Membership(string entityType, string entityId, string kind, string? name) =>
        Record(entityType, entityId, kind, name);

    public void Availability(string entityType, string entityId, AvailabilityChange change, string? name, string? playlistId = null)
    {
        if (change != AvailabilityChange.None)
        {
            Record(entityType, entityId, change == AvailabilityChange.BecameUnavailable ? VaultChangeKind.Unavailable : VaultChangeKind.Available,
                name, playlistId);
        }
    }

    public void ProfileRenamed(string userId, string? oldName, string? newName) =>
        Record("profile", userId, VaultChangeKind.Renamed, newName, oldValue: oldName, newValue: newName);

    public void PlaylistAdded(string playlistId, string name) =>
        Record("playlist", playlistId, VaultChangeKind.Added, name, playlistId);

    public void PlaylistRemoved(string playlistId, string name) =>
        Record("playlist", playlistId, VaultChangeKind.Removed, name, playlistId);

    public void PlaylistRenamed(string playlistId, string oldName, string newName) =>
        Record("playlist", playlistId, VaultChangeKind.Renamed, newName, playlistId, oldName, newName);

    public void PlaylistDescriptionChanged(string playlistId, string name, string? oldDescription, string? newDescription) =>
        Record("playlist", playlistId, VaultChangeKind.Changed, name, playlistId, oldDescription, newDescription);

    public void PlaylistReordered(string playlistId, string name) =>
        Record("playlist", playlistId, VaultChangeKind.Reordered, name, playlistId);

    /// <summary>One occurrence of an item added to, removed from, lost by or given back to a playlist.</summary>
    public void PlaylistEntry(string entityType, string itemUri, string kind, string? name, string playlistId) =>
        Record(entityType, itemUri, kind, name, playlistId);

    /// <summary>The stored name of an entity, for history rows about things no longer returned by Spotify.</summary>
    public string? NameOf(string entityType, string key)
    {
        var sql = entityType switch
        {
            "album" => "SELECT name FROM albums WHERE id = $1",
            "show" => "SELECT name FROM shows WHERE id = $1",
            "artist" => "SELECT name FROM artists WHERE id = $1",
            "playlist" => "SELECT name FROM playlists WHERE id = $1",
            _ => "SELECT name FROM tracks WHERE uri = $1",
        };
        return _writer.Scalar(sql, key) as string;
    }

    private void Record(string entityType, string entityId, string kind, string? name,
        string? playlistId = null, string? oldValue = null, string? newValue = null)
    {
        _writer.Execute("""
            INSERT INTO changes (run_id, observed_at, entity_type, entity_id, kind, name, playlist_id, old_value, new_value)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, RunId, _writer.Now, entityType, entityId, kind, name, playlistId, oldValue, newValue);
    }
}
