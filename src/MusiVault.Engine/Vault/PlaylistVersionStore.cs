namespace MusiVault.Engine.Vault;

/// <summary>What one playlist position holds: the columns shared by playlist_entries and playlist_entry_versions.</summary>
internal sealed record PlaylistEntryRow(string? ItemUri, bool Available, string? AddedAt, string? AddedBy, bool IsLocal,
    string? LocalName, string? LocalArtist, string? LocalAlbum, long? LocalDurationMs);

/// <summary>
/// The point-in-time side of playlist entries: one row per position per stretch of time it held the same entry
/// (valid_from, valid_to NULL = now). Each read of a playlist closes the versions whose position changed and opens
/// new ones, so the order on any date is the versions valid then, by position. Runs inside the caller's transaction.
/// </summary>
internal sealed class PlaylistVersionStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;

    /// <summary>Makes the open versions of <paramref name="playlistId"/> equal <paramref name="rows"/> (position = index) as of the session's now.</summary>
    public void Update(string playlistId, IReadOnlyList<PlaylistEntryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var open = new Dictionary<int, (string From, PlaylistEntryRow Row)>();
        using (var reader = _writer.Query("""
            SELECT position, valid_from, item_uri, is_available, added_at, added_by, is_local, local_name, local_artist,
                   local_album, local_duration_ms
            FROM playlist_entry_versions WHERE playlist_id = $1 AND valid_to IS NULL
            """, playlistId))
        {
            while (reader.Read())
            {
                string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
                open[reader.GetInt32(0)] = (reader.GetString(1), new PlaylistEntryRow(Text(2), reader.GetInt64(3) != 0, Text(4), Text(5),
                    reader.GetInt64(6) != 0, Text(7), Text(8), Text(9), reader.IsDBNull(10) ? null : reader.GetInt64(10)));
            }
        }
        for (var position = 0; position < rows.Count; position++)
        {
            if (open.Remove(position, out var current))
            {
                if (current.Row == rows[position])
                {
                    continue;
                }
                Close(playlistId, position, current.From);
            }
            Insert(playlistId, position, rows[position], _writer.Now, null);
        }
        foreach (var (position, current) in open)
        {
            Close(playlistId, position, current.From);
        }
    }

    /// <summary>
    /// Records that <paramref name="position"/> held <paramref name="row"/> from <paramref name="from"/> to
    /// <paramref name="to"/> (null = still), e.g. from an imported snapshot; an existing version starting then is kept.
    /// </summary>
    public void Record(string playlistId, int position, PlaylistEntryRow row, DateTimeOffset from, DateTimeOffset? to)
    {
        ArgumentNullException.ThrowIfNull(row);
        Insert(playlistId, position, row, VaultWriter.Timestamp(from), VaultWriter.Timestamp(to), orIgnore: true);
    }

    private void Close(string playlistId, int position, string validFrom)
    {
        // A version opened in this same session (two reads in one run) never was visible: drop it instead.
        if (validFrom == _writer.Now)
        {
            _writer.Execute("DELETE FROM playlist_entry_versions WHERE playlist_id = $1 AND position = $2 AND valid_from = $3",
                playlistId, position, validFrom);
            return;
        }
        _writer.Execute("UPDATE playlist_entry_versions SET valid_to = $4 WHERE playlist_id = $1 AND position = $2 AND valid_from = $3",
            playlistId, position, validFrom, _writer.Now);
    }

    private void Insert(string playlistId, int position, PlaylistEntryRow row, string from, string? to, bool orIgnore = false) =>
        _writer.Execute($"""
            INSERT OR {(orIgnore ? "IGNORE" : "REPLACE")} INTO playlist_entry_versions (playlist_id, position, valid_from, valid_to,
                item_uri, is_available, added_at, added_by, is_local, local_name, local_artist, local_album, local_duration_ms)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
            """, playlistId, position, from, to, row.ItemUri, row.Available ? 1 : 0, row.AddedAt, row.AddedBy, row.IsLocal ? 1 : 0,
            row.LocalName, row.LocalArtist, row.LocalAlbum, row.LocalDurationMs);
}
