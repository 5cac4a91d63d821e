using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Import;

/// <summary>
/// YourLibrary.json and Playlist*.json as history: what the account held at the export's date. Collected while the
/// files are read (only from files that imported cleanly) and stored after them, when the export's date is known:
/// the newest play, playlist modification or playlist addition in the export.
/// <para>
/// A vault never synced gets the export as its current state too (liked songs, playlists and their entries), so it is
/// useful alone. A synced vault gets only history before its first sync: stretches end where the vault's own start, or
/// at the first sync's start when the synced state lacks the item, never "now"; an export from after the first sync adds
/// no history (the syncs saw that time). No change rows are written, so nothing shows as added or removed.
/// </para>
/// <para>
/// The export has no playlist ids: an export playlist is <c>export:</c> + the first 16 hex digits of SHA-256 over its
/// name, U+001F and its index among the export's playlists, stable across re-imports of the same export. In a synced
/// vault a playlist whose name matches exactly one synced playlist gets its history under that playlist's id instead.
/// </para>
/// </summary>
internal sealed class LibraryImport
{
    private readonly List<ExportLibraryItem> _library = [];
    private readonly List<ExportPlaylist> _playlists = [];
    private readonly List<ExportLibraryItem> _pendingLibrary = [];
    private readonly List<ExportPlaylist> _pendingPlaylists = [];
    private DateTimeOffset? _newest, _pendingNewest;

    public bool IsEmpty => _library.Count == 0 && _playlists.Count == 0;

    /// <summary>Keeps a batch's library items and playlists until its file is known good.</summary>
    public void Read(ExportBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var play in batch.Plays)
        {
            Newer(play.EndedAt);
        }
        _pendingLibrary.AddRange(batch.LibraryItems);
        foreach (var playlist in batch.Playlists)
        {
            _pendingPlaylists.Add(playlist);
            if (playlist.LastModifiedDate is { } modified)
            {
                Newer(Day(modified));
            }
            foreach (var item in playlist.Items)
            {
                if (item.AddedDate is { } added)
                {
                    Newer(Day(added));
                }
            }
        }
    }

    /// <summary>The current file imported: what it held counts.</summary>
    public void Accept()
    {
        _library.AddRange(_pendingLibrary);
        _playlists.AddRange(_pendingPlaylists);
        if (_pendingNewest is { } newest && (_newest is null || newest > _newest))
        {
            _newest = newest;
        }
        Reject();
    }

    /// <summary>The current file failed: nothing from it counts.</summary>
    public void Reject()
    {
        _pendingLibrary.Clear();
        _pendingPlaylists.Clear();
        _pendingNewest = null;
    }

    /// <summary>Stores what was collected (in the caller's transaction).</summary>
    public void Store(VaultSession session, DateTimeOffset fallbackDate)
    {
        ArgumentNullException.ThrowIfNull(session);
        var store = session.ExportSnapshot;
        var exportDate = _newest ?? fallbackDate;
        var firstSync = store.FirstSyncStart();
        if (firstSync is { } synced && exportDate >= synced)
        {
            return;
        }
        StoreLibrary(session, store, exportDate, firstSync);
        for (var index = 0; index < _playlists.Count; index++)
        {
            StorePlaylist(store, _playlists[index], index, exportDate, firstSync);
        }
    }

    private void StoreLibrary(VaultSession session, ExportSnapshotStore store, DateTimeOffset exportDate, DateTimeOffset? firstSync)
    {
        var position = 0;
        foreach (var item in _library)
        {
            // Liked songs (the other sections need album, show and artist rows the export cannot give).
            if (item.Section != ExportLibrarySection.Track || (item.Uri is { } given && !given.StartsWith("spotify:track:", StringComparison.Ordinal)))
            {
                continue;
            }
            // Known only by its names: kept under Spotify's own form for a local file's URI (duration unknown: 0).
            var uri = item.Uri ?? LocalUri(item.ArtistName, item.AlbumName, item.Name);
            store.EnsureItem(uri, item.Uri is null ? "local" : "track", item.Name ?? "", item.ArtistName, item.AlbumName);
            store.RecordSaved(SyncCollection.LikedSongs, uri, exportDate, firstSync);
            if (firstSync is null)
            {
                session.Saved.Save(SyncCollection.LikedSongs, uri, null, position++);
            }
        }
    }

    private static void StorePlaylist(ExportSnapshotStore store, ExportPlaylist playlist, int index, DateTimeOffset exportDate,
        DateTimeOffset? firstSync)
    {
        var id = firstSync is null ? null : store.SyncedPlaylistNamed(playlist.Name);
        if (id is null)
        {
            id = SyntheticId(playlist.Name, index);
            // Synced and no playlist of that name: the account held it at the export's date, not at the first sync.
            store.AddPlaylist(id, playlist.Name, playlist.Description, playlist.NumberOfFollowers, index, exportDate, firstSync);
        }
        var rows = new List<PlaylistEntryRow>(playlist.Items.Count);
        for (var position = 0; position < playlist.Items.Count; position++)
        {
            var item = playlist.Items[position];
            var added = item.AddedDate is { } day && Day(day) <= exportDate ? Day(day) : exportDate;
            var row = Row(store, item, added);
            rows.Add(row);
            store.RecordEntry(id, position, row, added, firstSync);
        }
        if (firstSync is null)
        {
            store.AddCurrentEntries(id, rows);
        }
    }

    private static PlaylistEntryRow Row(ExportSnapshotStore store, ExportPlaylistItem item, DateTimeOffset added)
    {
        var addedAt = VaultWriter.Timestamp(added);
        var name = item.Name ?? "";
        if (item.Uri is { } uri && item.Kind is ExportPlaylistItemKind.Track or ExportPlaylistItemKind.Episode)
        {
            store.EnsureItem(uri, item.Kind == ExportPlaylistItemKind.Episode ? "episode" : "track", name,
                item.ArtistName ?? item.ShowName, item.AlbumName);
            return new PlaylistEntryRow(uri, true, addedAt, null, false, null, null, null, null);
        }
        if (item.Kind == ExportPlaylistItemKind.LocalTrack && item.Uri is { } local
            && local.Split(':') is ["spotify", "local", var artist, var album, var title, var seconds])
        {
            // The export names a local file by its URI only; its parts are the names (as a sync would store them).
            var localName = WebUtility.UrlDecode(title);
            var by = WebUtility.UrlDecode(artist);
            var on = WebUtility.UrlDecode(album);
            store.EnsureItem(local, "local", localName, by, on);
            return new PlaylistEntryRow(local, true, addedAt, null, true, localName, by, on,
                long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s * 1000 : null);
        }
        // Known only by its names (an item the export gives no URI): kept as a local-style entry.
        return new PlaylistEntryRow(null, true, addedAt, null, true, name, item.ArtistName ?? item.ShowName, item.AlbumName, null);
    }

    /// <summary><c>export:</c> + 16 hex digits of SHA-256(name U+001F index): the export carries no playlist ids.</summary>
    internal static string SyntheticId(string name, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name + "\u001F" + index.ToString(CultureInfo.InvariantCulture)));
        return "export:" + Convert.ToHexString(hash.AsSpan(0, 8)).ToLowerInvariant();
    }

    /// <summary><c>spotify:local:artist:album:title:0</c>, each part URL-encoded as Spotify writes local files.</summary>
    internal static string LocalUri(string? artist, string? album, string? name) =>
        $"spotify:local:{Escape(artist)}:{Escape(album)}:{Escape(name)}:0";

    // Through UTF-8 first: a lone surrogate becomes U+FFFD instead of failing the escape.
    private static string Escape(string? part) => Uri.EscapeDataString(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(part ?? "")));

    private static DateTimeOffset Day(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private void Newer(DateTimeOffset at)
    {
        if (_pendingNewest is null || at > _pendingNewest)
        {
            _pendingNewest = at;
        }
    }
}
