using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Stores a playlist's entries as Spotify returned them, position by position, and records in the history what
/// changed against the entries stored before: added and removed occurrences, items that vanished (Spotify now returns
/// no item where a track was: the last known item is kept, marked unavailable) or came back, or a pure reordering.
/// Runs inside the caller's transaction.
/// </summary>
internal sealed class PlaylistEntryStore(VaultWriter writer, EntityStore entities, PlaylistStore playlists, HistoryWriter history,
    PlaylistVersionStore versions)
{
    private readonly PlaylistVersionStore _versions = versions;
    private readonly VaultWriter _writer = writer;
    private readonly EntityStore _entities = entities;
    private readonly PlaylistStore _playlists = playlists;
    private readonly HistoryWriter _history = history;

    private sealed record StoredEntry(string? Uri, bool Available, string? AddedAt, string? AddedBy);

    /// <summary>Replaces the entries; returns whether they changed. <paramref name="quiet"/>: store without history (a baseline).</summary>
    public bool Replace(SpotifyPlaylist playlist, List<SpotifyPlaylistEntry> entries, bool quiet)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ArgumentNullException.ThrowIfNull(entries);
        var oldEntries = new List<StoredEntry>();
        using (var reader = _writer.Query("SELECT item_uri, is_available, added_at, added_by FROM playlist_entries WHERE playlist_id = $1 ORDER BY position", playlist.Id))
        {
            while (reader.Read())
            {
                oldEntries.Add(new StoredEntry(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1) != 0,
                    reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        _writer.Execute("DELETE FROM playlist_entries WHERE playlist_id = $1", playlist.Id);
        var newEntries = new List<StoredEntry>(entries.Count);
        var rows = new List<PlaylistEntryRow>(entries.Count);
        for (var position = 0; position < entries.Count; position++)
        {
            var entry = entries[position];
            var addedAt = VaultWriter.Timestamp(entry.AddedAt);
            var addedBy = string.IsNullOrEmpty(entry.AddedBy) ? null : entry.AddedBy;
            string? uri;
            var available = entry.Item is not null;
            if (entry.Item is not null)
            {
                var transition = _entities.UpsertPlayable(entry.Item);
                RecordAvailability(entry.Item, transition);
                uri = entry.Item.Uri;
                available = entry.Item.IsPlayable != false;
            }
            else
            {
                // Spotify returns no item where a track vanished: keep what this position held before.
                uri = FindVanished(oldEntries, position, addedAt, addedBy);
            }
            var local = entry.Item is { IsLocal: true } ? entry.Item : null;
            var row = new PlaylistEntryRow(uri, available, addedAt, addedBy, entry.IsLocal || local is not null,
                local?.Name, local is { Artists.Count: > 0 } ? local.Artists[0].Name : null, local?.Album?.Name, local?.DurationMs);
            _writer.Execute("""
                INSERT INTO playlist_entries (playlist_id, position, item_uri, is_available, added_at, added_by, is_local,
                    local_name, local_artist, local_album, local_duration_ms)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                """, playlist.Id, position, row.ItemUri, row.Available ? 1 : 0, row.AddedAt, row.AddedBy, row.IsLocal ? 1 : 0,
                row.LocalName, row.LocalArtist, row.LocalAlbum, row.LocalDurationMs);
            rows.Add(row);
            newEntries.Add(new StoredEntry(uri, available, addedAt, addedBy));
        }

        _versions.Update(playlist.Id, rows);
        _playlists.MarkItemsRead(playlist.Id);
        if (quiet)
        {
            return false;
        }
        return RecordEntryChanges(playlist, oldEntries, newEntries);
    }

    private static string? FindVanished(List<StoredEntry> oldEntries, int position, string? addedAt, string? addedBy)
    {
        if (position < oldEntries.Count && oldEntries[position].AddedAt == addedAt && oldEntries[position].AddedBy == addedBy)
        {
            return oldEntries[position].Uri;
        }
        var sameTime = oldEntries.Where(e => e.AddedAt == addedAt && addedAt is not null && e.AddedBy == addedBy).Take(2).ToList();
        return sameTime.Count == 1 ? sameTime[0].Uri : null;
    }

    private void RecordAvailability(SpotifyPlayable item, AvailabilityChange transition) =>
        _history.Availability(item.Kind == PlayableKind.Episode ? "episode" : "track", item.Uri, transition, item.Name);

    /// <summary>Entry-level history: one row per added or removed occurrence, or one "reordered" row.</summary>
    private bool RecordEntryChanges(SpotifyPlaylist playlist, List<StoredEntry> oldEntries, List<StoredEntry> newEntries)
    {
        var changed = false;
        var oldCounts = CountByUri(oldEntries);
        var newCounts = CountByUri(newEntries);
        foreach (var (uri, count) in newCounts)
        {
            for (var i = oldCounts.GetValueOrDefault(uri); i < count; i++)
            {
                _history.PlaylistEntry(EntityTypeOf(uri), uri, VaultChangeKind.Added, NameOf(uri), playlist.Id);
                changed = true;
            }
        }
        foreach (var (uri, count) in oldCounts)
        {
            for (var i = newCounts.GetValueOrDefault(uri); i < count; i++)
            {
                _history.PlaylistEntry(EntityTypeOf(uri), uri, VaultChangeKind.Removed, NameOf(uri), playlist.Id);
                changed = true;
            }
        }
        // Entries whose item vanished (Spotify now returns null there): the playlist lost access to that item.
        var oldUnavailable = CountByUri(oldEntries.Where(e => !e.Available));
        foreach (var (uri, count) in CountByUri(newEntries.Where(e => !e.Available)))
        {
            for (var i = oldUnavailable.GetValueOrDefault(uri); i < count && newCounts.ContainsKey(uri) && oldCounts.ContainsKey(uri); i++)
            {
                _history.PlaylistEntry(EntityTypeOf(uri), uri, VaultChangeKind.Unavailable, NameOf(uri), playlist.Id);
                changed = true;
            }
        }
        foreach (var (uri, count) in oldUnavailable)
        {
            var nowUnavailable = newEntries.Count(e => !e.Available && e.Uri == uri);
            for (var i = nowUnavailable; i < count && newCounts.ContainsKey(uri); i++)
            {
                _history.PlaylistEntry(EntityTypeOf(uri), uri, VaultChangeKind.Available, NameOf(uri), playlist.Id);
                changed = true;
            }
        }
        if (!changed && !oldEntries.Select(e => e.Uri).SequenceEqual(newEntries.Select(e => e.Uri)))
        {
            _history.PlaylistReordered(playlist.Id, playlist.Name);
            changed = true;
        }
        return changed;
    }

    private static Dictionary<string, int> CountByUri(IEnumerable<StoredEntry> entries)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Uri is not null)
            {
                counts[entry.Uri] = counts.GetValueOrDefault(entry.Uri) + 1;
            }
        }
        return counts;
    }

    private static string EntityTypeOf(string uri) =>
        uri.StartsWith("spotify:episode:", StringComparison.Ordinal) ? "episode"
        : uri.StartsWith("spotify:local:", StringComparison.Ordinal) ? "local"
        : "track";

    private string? NameOf(string uri) => _history.NameOf("track", uri);
}
