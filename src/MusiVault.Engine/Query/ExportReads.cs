using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Query;

/// <summary>
/// What Export-VaultPlaylist writes: playlist headers, and each playlist's (or Liked Songs') entries in order with
/// everything the formats print about their items. Entries stream: one row is read per entry written, and the
/// per-item lists (credited artists, album artists) come as JSON arrays from ordered primary-key range reads, so no
/// query needs a sort for the current state.
/// </summary>
internal static class ExportReads
{
    public const string LikedSongs = "Liked Songs";

    /// <summary>
    /// Playlists by ids or URIs, or all; deleted ones only with <paramref name="includeDeleted"/>. With
    /// <paramref name="asOf"/>, "all" means the playlists you had then, with the name and description they had then
    /// (from the history of renames and description changes).
    /// </summary>
    public static IEnumerable<ExportPlaylist> Playlists(ReadSession read, IReadOnlyList<string>? ids, bool includeDeleted, DateTimeOffset? asOf = null)
    {
        var filter = new SqlFilter();
        string name = "p.name", description = "p.description";
        if (asOf is { } t)
        {
            var at = filter.Parameter(AsOfReads.Stamp(t));
            name = AsOfValue("renamed", "p.name", at);
            description = AsOfValue("changed", "p.description", at);
            if (!includeDeleted)
            {
                filter.Add($"julianday(p.first_seen_at) <= julianday({at}) AND (p.deleted_at IS NULL OR julianday(p.deleted_at) > julianday({at}))");
            }
        }
        else if (!includeDeleted)
        {
            filter.Add("p.deleted_at IS NULL");
        }
        filter.In(ids, "p.id", "p.uri");
        var sql = $"""
            SELECT p.id AS id, p.uri AS uri, {name} AS name, {description} AS description, p.owner_id AS owner_id,
                   coalesce(p.owner_name, p.owner_id) AS owner_name, p.items_available AS items_available,
                   p.raw_json AS raw_json
            FROM playlists p
            {filter.Where}
            ORDER BY p.deleted_at IS NOT NULL, p.list_position, p.rowid
            """;
        return read.Stream(sql, filter, PlaylistMapper);
    }

    /// <summary>
    /// A playlist detail as it was at <paramref name="at"/>: the new value of the last change recorded by then, else
    /// the old value of the first change after it, else the current value (it never changed).
    /// </summary>
    private static string AsOfValue(string kind, string current, string at)
    {
        const string Of = "FROM changes c WHERE c.entity_type = 'playlist' AND c.entity_id = p.id AND c.kind = ";
        return $"""
            CASE WHEN EXISTS (SELECT 1 {Of}'{kind}' AND c.observed_at <= {at})
                      THEN (SELECT c.new_value {Of}'{kind}' AND c.observed_at <= {at} ORDER BY c.id DESC LIMIT 1)
                 WHEN EXISTS (SELECT 1 {Of}'{kind}' AND c.observed_at > {at})
                      THEN (SELECT c.old_value {Of}'{kind}' AND c.observed_at > {at} ORDER BY c.id LIMIT 1)
                 ELSE {current} END
            """;
    }

    private static Func<ExportPlaylist> PlaylistMapper(SqliteDataReader r)
    {
        int id = r.GetOrdinal("id"), uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), description = r.GetOrdinal("description"),
            ownerId = r.GetOrdinal("owner_id"), ownerName = r.GetOrdinal("owner_name"), itemsAvailable = r.GetOrdinal("items_available"),
            rawJson = r.GetOrdinal("raw_json");
        return () => new ExportPlaylist
        {
            Id = r.Text(id),
            Uri = r.TextOrNull(uri) ?? "spotify:playlist:" + r.Text(id),
            Name = r.Text(name),
            Description = r.TextOrNull(description),
            OwnerId = r.TextOrNull(ownerId),
            OwnerName = r.TextOrNull(ownerName),
            ItemsAvailable = r.FlagOrNull(itemsAvailable),
            RawJson = r.TextOrNull(rawJson),
        };
    }

    /// <summary>Liked Songs as a playlist: no id or URI, owned by the synced account.</summary>
    public static ExportPlaylist Liked(ReadSession read)
    {
        const string sql = """
            SELECT (SELECT user_id FROM profile ORDER BY updated_at DESC LIMIT 1) AS owner_id,
                   (SELECT coalesce(display_name, user_id) FROM profile ORDER BY updated_at DESC LIMIT 1) AS owner_name
            """;
        return read.Single<ExportPlaylist>(sql, r =>
        {
            int ownerId = r.GetOrdinal("owner_id"), ownerName = r.GetOrdinal("owner_name");
            return () => new ExportPlaylist
            {
                Name = LikedSongs,
                Source = LikedSongs,
                OwnerId = r.TextOrNull(ownerId),
                OwnerName = r.TextOrNull(ownerName),
                ItemsAvailable = true,
            };
        });
    }

    /// <summary>
    /// The playlist's entries in order (as they were at <paramref name="asOf"/> when given); with
    /// <paramref name="includeRemoved"/>, then every occurrence the history saw leave it (by then) and not added back
    /// since, oldest removal first, with its removal time.
    /// </summary>
    public static IEnumerable<ExportEntry> PlaylistEntries(ReadSession read, string playlistId, bool includeRemoved, DateTimeOffset? asOf = null)
    {
        var filter = new SqlFilter();
        var source = "playlist_entries";
        string? at = null;
        if (asOf is { } t)
        {
            AsOfReads.EnsurePlaylistCovered(read, playlistId, t);
            source = AsOfReads.Entries(filter, t);
            at = filter.Parameter(AsOfReads.Stamp(t));
        }
        var id = filter.Parameter(playlistId);
        var current = EntrySelect(
            itemUri: "e.item_uri",
            entryColumns: """
                0 AS part, e.position AS ord, e.added_at AS added_at, e.added_by AS added_by, e.is_local AS is_local,
                e.local_name AS local_name, e.local_artist AS local_artist, e.local_album AS local_album,
                e.local_duration_ms AS local_duration_ms, e.is_available AS entry_available, NULL AS removed_at
                """,
            from: source + " e",
            where: $"e.playlist_id = {id}");
        if (!includeRemoved)
        {
            return Entries(read, current + " ORDER BY ord", filter);
        }
        // An occurrence the sync recorded as removed, unless the same item was added to this playlist again later.
        var by = at is null ? "" : $"AND c.observed_at <= {at}";
        var laterBy = at is null ? "" : $"AND later.observed_at <= {at}";
        var removed = EntrySelect(
            itemUri: "c.entity_id",
            entryColumns: """
                1 AS part, c.id AS ord, NULL AS added_at, NULL AS added_by, c.entity_type = 'local' AS is_local,
                NULL AS local_name, NULL AS local_artist, NULL AS local_album, NULL AS local_duration_ms,
                1 AS entry_available, c.observed_at AS removed_at
                """,
            from: "changes c",
            where: $"""
                c.playlist_id = {id} AND c.kind = 'removed' AND c.entity_type IN ('track', 'episode', 'local') {by}
                AND NOT EXISTS (SELECT 1 FROM changes later WHERE later.playlist_id = c.playlist_id
                    AND later.entity_id = c.entity_id AND later.kind = 'added' AND later.id > c.id {laterBy})
                """);
        return Entries(read, $"{current} UNION ALL {removed} ORDER BY part, ord", filter);
    }

    /// <summary>
    /// Liked songs in their order (as they were at <paramref name="asOf"/> when given); with
    /// <paramref name="includeRemoved"/>, then the songs unliked (by then) and not liked again, oldest removal first.
    /// </summary>
    public static IEnumerable<ExportEntry> LikedEntries(ReadSession read, bool includeRemoved, DateTimeOffset? asOf = null)
    {
        const string Columns = """
            {0} AS part, {1} AS ord, lt.added_at AS added_at, NULL AS added_by, t.type = 'local' AS is_local,
            NULL AS local_name, NULL AS local_artist, NULL AS local_album, NULL AS local_duration_ms,
            1 AS entry_available, {2} AS removed_at
            """;
        static string Cols(int part, string ord, string removedAt) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, Columns, part, ord, removedAt);
        var filter = new SqlFilter();
        if (asOf is { } t)
        {
            var then = AsOfReads.Saved(read, filter, AsOfReads.LikedTracks, "track_uri", t);
            var liked = EntrySelect("lt.track_uri", Cols(0, "lt.position", "NULL"), then + " lt", "1");
            if (!includeRemoved)
            {
                return Entries(read, liked + " ORDER BY ord", filter);
            }
            var at = filter.Parameter(AsOfReads.Stamp(t));
            var gone = EntrySelect("lt.track_uri", Cols(1, "lt.removed_at", "lt.removed_at"),
                $"""
                (SELECT item_key AS track_uri, max(valid_to) AS removed_at, NULL AS added_at FROM saved_intervals
                 WHERE collection = 'liked_tracks' AND valid_to IS NOT NULL AND valid_to <= {at}
                   AND item_key NOT IN (SELECT item_key FROM saved_intervals WHERE collection = 'liked_tracks'
                                        AND valid_from <= {at} AND (valid_to IS NULL OR valid_to > {at}))
                 GROUP BY item_key) lt
                """, "1");
            return Entries(read, $"{liked} UNION ALL {gone} ORDER BY part, ord", filter);
        }
        var current = EntrySelect("lt.track_uri", Cols(0, "lt.position", "NULL"), "liked_tracks lt", "lt.removed_at IS NULL");
        if (!includeRemoved)
        {
            // The (removed_at, position) index gives this order: no sort.
            return Entries(read, current + " ORDER BY lt.removed_at, lt.position", filter);
        }
        var removed = EntrySelect("lt.track_uri", Cols(1, "lt.removed_at", "lt.removed_at"), "liked_tracks lt", "lt.removed_at IS NOT NULL");
        return Entries(read, $"{current} UNION ALL {removed} ORDER BY part, ord", filter);
    }

    /// <summary>
    /// One arm of an entries query: the entry's own columns, then the item's, joined by <paramref name="itemUri"/>.
    /// The item row may be missing (an entry whose item was never known); every item column is then NULL.
    /// </summary>
    private static string EntrySelect(string itemUri, string entryColumns, string from, string where) => $"""
        SELECT {entryColumns},
               {itemUri} AS uri, t.id AS id, t.type AS type, t.name AS name,
               coalesce(al.uri, CASE WHEN t.album_id IS NOT NULL THEN 'spotify:album:' || t.album_id END) AS album_uri,
               coalesce(al.name, t.album_name) AS album_name, coalesce(al.release_date, t.release_date) AS release_date,
               (SELECT i.url FROM images i WHERE i.entity_type = 'album' AND i.entity_id = t.album_id
                ORDER BY coalesce(i.width, 0) DESC, i.url LIMIT 1) AS album_image,
               (SELECT json_group_array(json_array(ta.artist_name, ta.artist_id))
                FROM (SELECT artist_name, artist_id FROM track_artists WHERE track_uri = {itemUri} ORDER BY position) ta) AS artists,
               (SELECT json_group_array(json_array(aa.name, aa.artist_id))
                FROM (SELECT ar.name AS name, x.artist_id AS artist_id FROM album_artists x JOIN artists ar ON ar.id = x.artist_id
                      WHERE x.album_id = t.album_id ORDER BY x.position) aa) AS album_artists,
               coalesce(s.uri, CASE WHEN t.show_id IS NOT NULL THEN 'spotify:show:' || t.show_id END) AS show_uri, s.name AS show_name,
               t.disc_number AS disc_number, t.track_number AS track_number, t.duration_ms AS duration_ms,
               t.explicit AS explicit, t.isrc AS isrc, t.unavailable_since IS NULL AS item_available, t.raw_json AS raw_json
        FROM {from}
        LEFT JOIN tracks t ON t.uri = {itemUri}
        LEFT JOIN albums al ON al.id = t.album_id
        LEFT JOIN shows s ON s.id = t.show_id
        WHERE {where}
        """;

    private static IEnumerable<ExportEntry> Entries(ReadSession read, string sql, SqlFilter filter) =>
        read.Stream(sql, filter, EntryMapper);

    private static Func<ExportEntry> EntryMapper(SqliteDataReader r)
    {
        int uri = r.GetOrdinal("uri"), id = r.GetOrdinal("id"), type = r.GetOrdinal("type"), name = r.GetOrdinal("name"),
            albumUri = r.GetOrdinal("album_uri"), albumName = r.GetOrdinal("album_name"), releaseDate = r.GetOrdinal("release_date"),
            albumImage = r.GetOrdinal("album_image"), artists = r.GetOrdinal("artists"), albumArtists = r.GetOrdinal("album_artists"),
            showUri = r.GetOrdinal("show_uri"), showName = r.GetOrdinal("show_name"), disc = r.GetOrdinal("disc_number"),
            track = r.GetOrdinal("track_number"), duration = r.GetOrdinal("duration_ms"), isExplicit = r.GetOrdinal("explicit"),
            isrc = r.GetOrdinal("isrc"), itemAvailable = r.GetOrdinal("item_available"), rawJson = r.GetOrdinal("raw_json"),
            addedAt = r.GetOrdinal("added_at"), addedBy = r.GetOrdinal("added_by"), isLocal = r.GetOrdinal("is_local"),
            localName = r.GetOrdinal("local_name"), localArtist = r.GetOrdinal("local_artist"), localAlbum = r.GetOrdinal("local_album"),
            localDuration = r.GetOrdinal("local_duration_ms"), entryAvailable = r.GetOrdinal("entry_available"),
            removedAt = r.GetOrdinal("removed_at");
        var position = 0;
        return () =>
        {
            var itemUri = r.TextOrNull(uri);
            var itemType = r.TextOrNull(type);
            var local = r.Flag(isLocal) || itemType == "local" || (itemUri?.StartsWith("spotify:local:", StringComparison.Ordinal) ?? false);
            var known = itemType is not null;
            return new ExportEntry
            {
                // Positions count the rows written, so removed entries continue after the current ones.
                Position = position++,
                Kind = KindOf(itemType, itemUri, local),
                Uri = itemUri,
                Id = r.TextOrNull(id),
                Name = r.TextOrNull(name),
                Artists = Pairs(r.TextOrNull(artists)),
                AlbumUri = r.TextOrNull(albumUri),
                AlbumName = r.TextOrNull(albumName),
                AlbumReleaseDate = r.TextOrNull(releaseDate),
                AlbumImageUrl = r.TextOrNull(albumImage),
                AlbumArtists = Pairs(r.TextOrNull(albumArtists)),
                ShowUri = r.TextOrNull(showUri),
                ShowName = r.TextOrNull(showName),
                DiscNumber = r.IntOrNull(disc),
                TrackNumber = r.IntOrNull(track),
                DurationMs = r.LongOrNull(duration),
                Explicit = r.FlagOrNull(isExplicit),
                Isrc = r.TextOrNull(isrc),
                AddedBy = r.TextOrNull(addedBy),
                AddedAt = Instant(r.TextOrNull(addedAt)),
                IsLocal = local,
                LocalName = r.TextOrNull(localName),
                LocalArtist = r.TextOrNull(localArtist),
                LocalAlbum = r.TextOrNull(localAlbum),
                LocalDurationMs = r.LongOrNull(localDuration),
                IsAvailable = r.Flag(entryAvailable) && (!known || r.Flag(itemAvailable)),
                RemovedAt = Instant(r.TextOrNull(removedAt)),
                RawJson = r.TextOrNull(rawJson),
            };
        };
    }

    private static ExportItemKind KindOf(string? itemType, string? itemUri, bool local) => itemType switch
    {
        _ when local => ExportItemKind.LocalFile,
        "track" => ExportItemKind.Track,
        "episode" => ExportItemKind.Episode,
        _ when itemUri?.StartsWith("spotify:episode:", StringComparison.Ordinal) == true => ExportItemKind.Episode,
        _ when itemUri?.StartsWith("spotify:track:", StringComparison.Ordinal) == true => ExportItemKind.Track,
        _ => ExportItemKind.Unknown,
    };

    private static DateTimeOffset? Instant(string? text) =>
        VaultText.ToDate(text) is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;

    /// <summary>A JSON array of [name, artist id] pairs, as the SELECT builds it; anything malformed gives no artists.</summary>
    internal static IReadOnlyList<ExportArtist> Pairs(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }
        var list = new List<ExportArtist>(2);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return [];
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
            {
                var values = new string?[2];
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (i < values.Length && reader.TokenType == JsonTokenType.String)
                    {
                        values[i] = reader.GetString();
                    }
                    reader.Skip();
                }
                if (values[0] is { } name)
                {
                    list.Add(new ExportArtist(name, values[1] is { } artistId ? "spotify:artist:" + artistId : null));
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }
        return list;
    }
}
