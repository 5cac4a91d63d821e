namespace MusiVault.Engine.Vault;

/// <summary>One restore of a playlist as the journal knows it.</summary>
internal sealed record RestoreJournalEntry(string Key, string Token, string? PlaylistId, int Planned, int Acknowledged, int? Pending, bool Done);

/// <summary>
/// The restore journal: written before and after each write to Spotify, each call its own transaction, so a restore
/// killed at any point knows on its next run which playlist it created and how far Spotify confirmed it.
/// </summary>
internal sealed class RestoreJournalStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    public RestoreJournalEntry? Find(string key)
    {
        using var reader = _writer.Query("SELECT token, playlist_id, planned, acknowledged, pending, done FROM restore_journal WHERE restore_key = $1", key);
        return reader.Read()
            ? new RestoreJournalEntry(key, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt32(2),
                reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt64(5) != 0)
            : null;
    }

    /// <summary>
    /// Starts the journal of <paramref name="key"/> before anything is created; over an earlier one (whose playlist the
    /// user has since deleted) it starts afresh, so the next run looks for the new token, not the old playlist.
    /// </summary>
    public RestoreJournalEntry Begin(string key, string token, int planned)
    {
        _writer.InTransaction(() => _writer.Execute("""
            INSERT INTO restore_journal (restore_key, token, planned, started_at, updated_at) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (restore_key) DO UPDATE SET token = excluded.token, playlist_id = NULL, planned = excluded.planned,
                acknowledged = 0, pending = NULL, done = 0, started_at = excluded.started_at, updated_at = excluded.updated_at
            """, key, token, planned, Stamp()));
        return Find(key)!;
    }

    public void PlaylistCreated(string key, string playlistId) =>
        Update("UPDATE restore_journal SET playlist_id = $2, updated_at = $3 WHERE restore_key = $1", key, playlistId);

    /// <summary>Before a write: <paramref name="count"/> items are about to be sent.</summary>
    public void Sending(string key, int count) =>
        Update("UPDATE restore_journal SET pending = $2, updated_at = $3 WHERE restore_key = $1", key, count);

    /// <summary>After a write Spotify confirmed: <paramref name="acknowledged"/> items are in the playlist, in order.</summary>
    public void Acknowledged(string key, int acknowledged) =>
        Update("UPDATE restore_journal SET acknowledged = $2, pending = NULL, updated_at = $3 WHERE restore_key = $1", key, acknowledged);

    public void Finished(string key) =>
        Update("UPDATE restore_journal SET done = 1, pending = NULL, updated_at = $2 WHERE restore_key = $1", key);

    private void Update(string sql, string key, object? value = null)
    {
        _writer.InTransaction(() =>
        {
            if (value is null)
            {
                _writer.Execute(sql, key, Stamp());
            }
            else
            {
                _writer.Execute(sql, key, value, Stamp());
            }
        });
    }

    // Journal rows carry wall-clock time (a restore is long; the session's Now is its start).
    private static string Stamp() => VaultWriter.Timestamp(DateTimeOffset.UtcNow);
}
