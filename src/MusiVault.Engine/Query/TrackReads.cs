using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>Tracks, episodes and local files: the library, liked songs, and one playlist's entries.</summary>
internal static class TrackReads
{
    /// <summary>
    /// The credited artist names of the item at <paramref name="uriExpression"/>, in credit order, as a JSON array;
    /// NULL when none are stored. <c>track_artists</c> is the one place they live: its primary key
    /// (track_uri, position) makes this an ordered range read of the item's own rows, no sort.
    /// </summary>
    public static string ArtistsOf(string uriExpression) =>
        $"(SELECT json_group_array(artist_name) FROM (SELECT artist_name FROM track_artists WHERE track_uri = {uriExpression} ORDER BY position) HAVING count(*) > 0)";

    // In the library now: liked, in one of your playlists, or a saved episode. Get-VaultInfo counts with it too.
    internal const string InLibrary = """
        (lt.track_uri IS NOT NULL AND lt.removed_at IS NULL)
        OR EXISTS (SELECT 1 FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id WHERE e.item_uri = t.uri AND p.deleted_at IS NULL)
        OR EXISTS (SELECT 1 FROM saved_episodes se WHERE se.episode_uri = t.uri AND se.removed_at IS NULL)
        """;

    public static IEnumerable<VaultTrack> Tracks(ReadSession read, TrackQuery query, Action<string>? warning = null) =>
        query.Playlist is null ? Library(read, query) : Playlist(read, query, warning);

    private static IEnumerable<VaultTrack> Library(ReadSession read, TrackQuery query)
    {
        var filter = new SqlFilter();
        var liked = "liked_tracks";
        if (query.AsOf is { } asOf)
        {
            liked = query.Liked ? AsOfReads.Saved(read, filter, AsOfReads.LikedTracks, "track_uri", asOf)
                : throw AsOfReads.NeedsCollection("-Liked or -Playlist");
        }
        if (query.Liked)
        {
            filter.InSavedCollection("lt", "track_uri", query.IncludeRemoved);
        }
        else if (!query.IncludeRemoved && query.Ids is null)
        {
            filter.Add(InLibrary);
        }
        filter.In(query.Ids, "t.id", "t.uri");
        filter.In(query.AlbumIds, "t.album_id");
        if (query.ArtistIds is not null)
        {
            filter.Add($"EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = t.uri AND ta.artist_id IN (SELECT value FROM json_each({filter.Json(query.ArtistIds)})))");
        }
        filter.Like("t.name", query.Name);
        if (query.Artist is not null)
        {
            filter.Add($"EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = t.uri AND {filter.LikeExpression("ta.artist_name", query.Artist)})");
        }
        filter.Like("coalesce(al.name, t.album_name)", query.Album);
        filter.After("lt.added_at", query.AddedAfter);
        filter.Before("lt.added_at", query.AddedBefore);
        // Liked songs as they are now: the (removed_at, position) index gives the order, so rows stream without a sort.
        var order = query.Liked && (!query.IncludeRemoved || query.AsOf is not null) ? "lt.position"
            : query.Liked ? "lt.removed_at IS NOT NULL, lt.position, lt.added_at DESC, t.rowid"
            : "t.rowid";
        var bulk = IsBulk(query);
        var sql = $"""
            SELECT t.uri AS uri, t.id AS id, t.type AS type, t.name AS name, coalesce(al.name, t.album_name) AS album,
                   t.album_id AS album_id, coalesce(t.release_date, al.release_date) AS release_date,
                   t.duration_ms AS duration_ms, t.explicit AS explicit, t.isrc AS isrc, lt.added_at AS added_at,
                   NULL AS added_by, t.unavailable_since IS NULL AS is_available, lt.removed_at AS removed_at,
                   {(bulk ? "NULL" : ArtistsOf("t.uri"))} AS artists, NULL AS playlist, NULL AS position, t.type = 'local' AS is_local
            FROM tracks t
            LEFT JOIN albums al ON al.id = t.album_id
            LEFT JOIN {liked} lt ON lt.track_uri = t.uri
            {filter.Where}
            ORDER BY {order}
            {filter.Limit(query.First)}
            """;
        return bulk ? WithAllArtists(read, sql, filter) : read.Stream(sql, filter, r => Mapper(r, null));
    }

    /// <summary>
    /// A listing of (potentially) the whole library or all liked songs. Rows come in liked order, so looking each
    /// row's artists up in <c>track_artists</c> is a random read per row all over the file (100,000 liked songs: ~1.5 s
    /// of the 4 s query); reading all artist rows once in key order and matching them in memory costs ~0.2 s.
    /// Narrow queries (-First, -Name, -Artist, -Album, -Id) keep the per-row lookup and SQLite's default cache, which
    /// cost less for part of a library (-First 20000 of 100,000: 0.6 s against 1.0 s).
    /// </summary>
    private static bool IsBulk(TrackQuery query) =>
        query.First is null && query.Ids is null && query.AlbumIds is null && query.ArtistIds is null
        && query.Name is null && query.Artist is null && query.Album is null;

    private static IEnumerable<VaultTrack> WithAllArtists(ReadSession read, string sql, SqlFilter filter)
    {
        var artists = ArtistsByTrack(read);
        foreach (var track in read.Stream(sql, filter, r => Mapper(r, artists), VaultReadConnection.LookupCacheKiB))
        {
            yield return track;
        }
    }

    /// <summary>Every item's credited artist names, in credit order (the primary key's order: one sequential read).</summary>
    private static Dictionary<string, VaultNameList> ArtistsByTrack(ReadSession read)
    {
        var byTrack = new Dictionary<string, VaultNameList>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal); // one string per distinct name
        string? current = null;
        var list = new List<string>();
        foreach (var (uri, name) in read.Stream<(string Uri, string Name)>("SELECT track_uri AS uri, artist_name AS name FROM track_artists ORDER BY track_uri, position",
            new SqlFilter(), r => () => (r.GetString(0), r.GetString(1))))
        {
            if (uri != current)
            {
                Flush();
                current = uri;
            }
            list.Add(names.TryGetValue(name, out var shared) ? shared : names[name] = name);
        }
        Flush();
        return byTrack;

        void Flush()
        {
            if (current is not null && list.Count > 0)
            {
                byTrack[current] = new VaultNameList(list.ToArray());
                list.Clear();
            }
        }
    }

    private static IEnumerable<VaultTrack> Playlist(ReadSession read, TrackQuery query, Action<string>? warning)
    {
        // Resolve before streaming so that a name that matches nothing (or two playlists) is reported, not silent.
        var playlistIds = PlaylistReads.Resolve(read, PlaylistReference.Parse(query.Playlist!));
        if (warning is not null)
        {
            foreach (var name in PlaylistReads.Withheld(read, playlistIds))
            {
                warning($"Spotify withholds the items of playlist '{name}' from this app: its items are not archived, so none are listed.");
            }
        }
        var filter = new SqlFilter();
        var entries = "playlist_entries";
        if (query.AsOf is { } asOf)
        {
            foreach (var playlistId in playlistIds)
            {
                AsOfReads.EnsurePlaylistCovered(read, playlistId, asOf);
            }
            entries = AsOfReads.Entries(filter, asOf);
        }
        if (playlistIds.Count == 1)
        {
            filter.Add($"e.playlist_id = {filter.Parameter(playlistIds[0])}");
        }
        else
        {
            filter.In(playlistIds, "e.playlist_id");
        }
        filter.Like("coalesce(t.name, e.local_name)", query.Name);
        if (query.Artist is not null)
        {
            var like = filter.LikeExpression("ta.artist_name", query.Artist);
            var localLike = filter.LikeExpression("e.local_artist", query.Artist);
            filter.Add($"""
                EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = e.item_uri AND {like})
                OR (NOT EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = e.item_uri) AND e.local_artist IS NOT NULL AND {localLike})
                """);
        }
        filter.Like("coalesce(al.name, t.album_name, e.local_album)", query.Album);
        filter.After("e.added_at", query.AddedAfter);
        filter.Before("e.added_at", query.AddedBefore);
        // An entry keeps its own copy of a local file's name, artist and album: the item row may be missing.
        var sql = $"""
            SELECT coalesce(t.uri, e.item_uri) AS uri, t.id AS id,
                   coalesce(t.type, CASE WHEN e.is_local THEN 'local' ELSE 'track' END) AS type,
                   coalesce(t.name, e.local_name, '') AS name, coalesce(al.name, t.album_name, e.local_album) AS album,
                   t.album_id AS album_id, coalesce(t.release_date, al.release_date) AS release_date,
                   coalesce(t.duration_ms, e.local_duration_ms, 0) AS duration_ms, coalesce(t.explicit, 0) AS explicit,
                   t.isrc AS isrc, e.added_at AS added_at, e.added_by AS added_by,
                   e.is_available AND (t.uri IS NULL OR t.unavailable_since IS NULL) AS is_available, NULL AS removed_at,
                   coalesce({ArtistsOf("e.item_uri")}, CASE WHEN e.local_artist IS NOT NULL THEN json_array(e.local_artist) END) AS artists,
                   p.name AS playlist, e.position AS position, e.is_local AS is_local
            FROM {entries} e
            JOIN playlists p ON p.id = e.playlist_id
            LEFT JOIN tracks t ON t.uri = e.item_uri
            LEFT JOIN albums al ON al.id = t.album_id
            {filter.Where}
            ORDER BY {(playlistIds.Count == 1 ? "e.position" : "p.list_position, p.rowid, e.position")}
            {filter.Limit(query.First)}
            """;
        return read.Stream(sql, filter, r => Mapper(r, null));
    }

    /// <param name="artistsByUri">All artists read at once (a bulk listing); null: the row's <c>artists</c> column.</param>
    private static Func<VaultTrack> Mapper(SqliteDataReader r, Dictionary<string, VaultNameList>? artistsByUri)
    {
        int uri = r.GetOrdinal("uri"), id = r.GetOrdinal("id"), type = r.GetOrdinal("type"), name = r.GetOrdinal("name"),
            album = r.GetOrdinal("album"), albumId = r.GetOrdinal("album_id"), releaseDate = r.GetOrdinal("release_date"),
            durationMs = r.GetOrdinal("duration_ms"), isExplicit = r.GetOrdinal("explicit"), isrc = r.GetOrdinal("isrc"),
            addedAt = r.GetOrdinal("added_at"), addedBy = r.GetOrdinal("added_by"), isAvailable = r.GetOrdinal("is_available"),
            removedAt = r.GetOrdinal("removed_at"), artists = r.GetOrdinal("artists"), playlist = r.GetOrdinal("playlist"),
            position = r.GetOrdinal("position"), isLocal = r.GetOrdinal("is_local");
        return () =>
        {
            var names = artistsByUri is null ? r.Names(artists)
                : r.TextOrNull(uri) is { } key && artistsByUri.TryGetValue(key, out var found) ? found : VaultNameList.None;
            var itemType = r.Text(type);
            var ms = r.GetInt64(durationMs);
            return new VaultTrack
            {
                Uri = r.TextOrNull(uri),
                Id = r.TextOrNull(id),
                Type = itemType,
                IsLocal = itemType == "local" || r.Flag(isLocal),
                Name = r.Text(name),
                Album = r.TextOrNull(album),
                AlbumId = r.TextOrNull(albumId),
                ReleaseDate = r.TextOrNull(releaseDate),
                DurationMs = ms,
                DurationValue = TimeSpan.FromMilliseconds(ms),
                Explicit = r.Flag(isExplicit),
                Isrc = r.TextOrNull(isrc),
                AddedAt = r.DateOrNull(addedAt),
                AddedBy = r.TextOrNull(addedBy),
                IsAvailable = r.Flag(isAvailable),
                RemovedAt = r.DateOrNull(removedAt),
                Artists = names,
                ArtistNames = names.JoinNames(),
                Playlist = r.TextOrNull(playlist),
                Position = r.IntOrNull(position),
            };
        };
    }
}
