using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Query;

/// <summary>
/// Everything that reads the vault for the Get-Vault* cmdlets. Each method returns a lazy sequence: the vault is
/// opened on the first MoveNext, each object is built as its row is read, and disposing the enumerator closes the
/// connection. Filters become parameterised SQL; name filters are PowerShell wildcards (see <see cref="VaultWildcard"/>).
/// Readers use WAL snapshots, so they keep working while a sync writes.
/// </summary>
public sealed class VaultQueries(string vaultPath)
{
    // Artists of an item in credit order, as a JSON array, from track_artists (the inner ORDER BY fixes the aggregate's input order).
    private const string ArtistsOfTrack =
        "(SELECT json_group_array(artist_name) FROM (SELECT artist_name FROM track_artists WHERE track_uri = {0} ORDER BY position))";

    private static string ArtistsOf(string trackAlias, string uriExpression) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, ArtistsOfTrack, uriExpression);

    public string VaultPath { get; } = Path.GetFullPath(vaultPath);

    /// <summary>Called once per row read from SQLite; lets tests observe streaming.</summary>
    internal Action? RowRead { get; set; }

    public IEnumerable<VaultTrack> Tracks(TrackQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Playlist is null ? LibraryTracks(query) : PlaylistTracks(query);
    }

    private IEnumerable<VaultTrack> LibraryTracks(TrackQuery query)
    {
        var filter = new SqlFilter();
        if (query.Liked)
        {
            filter.InSavedCollection("lt", "track_uri", query.IncludeRemoved);
        }
        else if (!query.IncludeRemoved && query.Ids is null)
        {
            filter.Add(InLibrary);
        }
        filter.In(query.Ids, "t.id", "t.uri");
        filter.Like("t.name", query.Name);
        if (query.Artist is not null)
        {
            filter.Add($"EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = t.uri AND {filter.LikeExpression("ta.artist_name", query.Artist)})");
        }
        filter.Like("coalesce(al.name, t.album_name)", query.Album);
        filter.After("lt.added_at", query.AddedAfter);
        filter.Before("lt.added_at", query.AddedBefore);
        // Liked songs as they are now: the (removed_at, position) index gives the order, so rows stream without a sort.
        var order = query.Liked && !query.IncludeRemoved ? "lt.position"
            : query.Liked ? "lt.removed_at IS NOT NULL, lt.position, lt.added_at DESC, t.rowid"
            : "t.rowid";
        var sql = $"""
            SELECT t.uri, t.id, t.type, t.name, coalesce(al.name, t.album_name), t.album_id,
                   coalesce(t.release_date, al.release_date), t.duration_ms, t.explicit, t.isrc,
                   lt.added_at, NULL, t.unavailable_since IS NULL, lt.removed_at,
                   {ArtistsOf("t", "t.uri")}, NULL, NULL, t.type = 'local'
            FROM tracks t
            LEFT JOIN albums al ON al.id = t.album_id
            LEFT JOIN liked_tracks lt ON lt.track_uri = t.uri
            {filter.Where}
            ORDER BY {order}
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, ReadTrack);
    }

    // In the library now: liked, in one of your playlists, or a saved episode.
    private const string InLibrary = """
        (lt.track_uri IS NOT NULL AND lt.removed_at IS NULL)
        OR EXISTS (SELECT 1 FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id WHERE e.item_uri = t.uri AND p.deleted_at IS NULL)
        OR EXISTS (SELECT 1 FROM saved_episodes se WHERE se.episode_uri = t.uri AND se.removed_at IS NULL)
        """;

    private IEnumerable<VaultTrack> PlaylistTracks(TrackQuery query)
    {
        // Resolve before streaming so that a name that matches nothing (or two playlists) is reported, not silent.
        var playlistId = ResolvePlaylist(query.Playlist!);
        var filter = new SqlFilter();
        filter.Add($"e.playlist_id = {filter.Parameter(playlistId)}");
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
        var sql = $"""
            SELECT coalesce(t.uri, e.item_uri), t.id, coalesce(t.type, CASE WHEN e.is_local THEN 'local' ELSE 'track' END),
                   coalesce(t.name, e.local_name, ''), coalesce(al.name, t.album_name, e.local_album), t.album_id,
                   coalesce(t.release_date, al.release_date), coalesce(t.duration_ms, e.local_duration_ms, 0),
                   coalesce(t.explicit, 0), t.isrc, e.added_at, e.added_by,
                   e.is_available AND (t.uri IS NULL OR t.unavailable_since IS NULL), NULL,
                   CASE WHEN EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = e.item_uri)
                        THEN {string.Format(System.Globalization.CultureInfo.InvariantCulture, ArtistsOfTrack, "e.item_uri")}
                        WHEN e.local_artist IS NOT NULL THEN json_array(e.local_artist) END,
                   p.name, e.position, e.is_local
            FROM playlist_entries e
            JOIN playlists p ON p.id = e.playlist_id
            LEFT JOIN tracks t ON t.uri = e.item_uri
            LEFT JOIN albums al ON al.id = t.album_id
            {filter.Where}
            ORDER BY e.position
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, ReadTrack);
    }

    private static VaultTrack ReadTrack(SqliteDataReader r)
    {
        var artists = VaultText.ToNames(r.IsDBNull(14) ? null : r.GetString(14));
        var type = r.GetString(2);
        var durationMs = r.GetInt64(7);
        return new VaultTrack
        {
            Uri = NullableString(r, 0),
            Id = NullableString(r, 1),
            Type = type,
            IsLocal = type == "local" || (!r.IsDBNull(17) && r.GetInt64(17) != 0),
            Name = r.GetString(3),
            Album = NullableString(r, 4),
            AlbumId = NullableString(r, 5),
            ReleaseDate = NullableString(r, 6),
            DurationMs = durationMs,
            Duration = TimeSpan.FromMilliseconds(durationMs),
            Explicit = r.GetInt64(8) != 0,
            Isrc = NullableString(r, 9),
            AddedAt = VaultText.ToDate(NullableString(r, 10)),
            AddedBy = NullableString(r, 11),
            IsAvailable = r.GetInt64(12) != 0,
            RemovedAt = VaultText.ToDate(NullableString(r, 13)),
            Artists = artists,
            ArtistNames = artists.ToString(),
            Playlist = NullableString(r, 15),
            Position = r.IsDBNull(16) ? null : r.GetInt32(16),
        };
    }

    /// <summary>
    /// A playlist id, <c>spotify:playlist:</c> URI or exact name (case-insensitive, as -eq). Names of current
    /// playlists win over deleted ones; a name shared by two playlists is refused rather than guessed.
    /// </summary>
    public string ResolvePlaylist(string nameOrId)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var candidates = new List<(string Id, string Name, bool Deleted)>();
        foreach (var row in Stream("SELECT id, uri, name, deleted_at IS NOT NULL FROM playlists ORDER BY id", new SqlFilter(),
                     r => (Id: r.GetString(0), Uri: NullableString(r, 1), Name: r.GetString(2), Deleted: r.GetInt64(3) != 0)))
        {
            if (row.Id == nameOrId || row.Uri == nameOrId)
            {
                return row.Id;
            }
            if (string.Equals(row.Name, nameOrId, StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add((row.Id, row.Name, row.Deleted));
            }
        }
        var current = candidates.Where(c => !c.Deleted).ToList();
        var matches = current.Count > 0 ? current : candidates;
        return matches.Count switch
        {
            1 => matches[0].Id,
            0 => throw new MusiVaultException("PlaylistNotFound", ErrorKind.ObjectNotFound,
                $"The vault has no playlist with the id or name '{nameOrId}'.", nameOrId),
            _ => throw new MusiVaultException("PlaylistAmbiguous", ErrorKind.InvalidArgument,
                $"{matches.Count} playlists are named '{nameOrId}' (ids {string.Join(", ", matches.Select(m => m.Id))}); use -Playlist with an id.", nameOrId),
        };
    }

    public IEnumerable<VaultPlaylist> Playlists(PlaylistQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        if (!query.IncludeDeleted && query.Ids is null)
        {
            filter.Add("p.deleted_at IS NULL");
        }
        filter.In(query.Ids, "p.id", "p.uri");
        filter.Like("p.name", query.Name);
        if (query.Owned)
        {
            filter.Add("p.owner_id IN (SELECT user_id FROM profile)");
        }
        var sql = $"""
            SELECT p.id, p.uri, p.name, p.description, coalesce(p.owner_name, p.owner_id), p.owner_id, p.public,
                   p.collaborative, coalesce(p.items_total, (SELECT count(*) FROM playlist_entries e WHERE e.playlist_id = p.id)),
                   p.items_available, p.snapshot_id, p.followers, p.last_changed_at, p.deleted_at
            FROM playlists p
            {filter.Where}
            ORDER BY p.deleted_at IS NOT NULL, p.list_position, p.rowid
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultPlaylist
        {
            Id = r.GetString(0),
            PlaylistId = r.GetString(0),
            Uri = NullableString(r, 1),
            Name = r.GetString(2),
            Description = NullableString(r, 3),
            Owner = NullableString(r, 4),
            OwnerId = NullableString(r, 5),
            Public = NullableBool(r, 6),
            Collaborative = r.GetInt64(7) != 0,
            TrackCount = r.GetInt32(8),
            ItemsAvailable = NullableBool(r, 9),
            SnapshotId = NullableString(r, 10),
            Followers = r.IsDBNull(11) ? null : r.GetInt32(11),
            LastChangedAt = VaultText.ToDate(NullableString(r, 12)),
            DeletedAt = VaultText.ToDate(NullableString(r, 13)),
        });
    }

    public IEnumerable<VaultAlbum> Albums(AlbumQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        if (query.Saved)
        {
            filter.InSavedCollection("sa", "album_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "a.id", "a.uri");
        filter.Like("a.name", query.Name);
        if (query.Artist is not null)
        {
            filter.Add($"EXISTS (SELECT 1 FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = a.id AND {filter.LikeExpression("ar.name", query.Artist)})");
        }
        var sql = $"""
            SELECT a.id, a.uri, a.name, a.album_type, a.release_date, a.total_tracks, a.label, a.upc,
                   sa.album_id IS NOT NULL AND sa.removed_at IS NULL, sa.added_at, sa.removed_at,
                   (SELECT json_group_array(name) FROM (SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = a.id ORDER BY aa.position))
            FROM albums a
            LEFT JOIN saved_albums sa ON sa.album_id = a.id
            {filter.Where}
            ORDER BY {(query.Saved ? "sa.removed_at IS NOT NULL, sa.position, sa.added_at DESC, a.rowid" : "a.rowid")}
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r =>
        {
            var artists = VaultText.ToNames(NullableString(r, 11));
            return new VaultAlbum
            {
                Id = r.GetString(0),
                Uri = NullableString(r, 1),
                Name = r.GetString(2),
                AlbumType = NullableString(r, 3),
                ReleaseDate = NullableString(r, 4),
                TotalTracks = r.IsDBNull(5) ? null : r.GetInt32(5),
                Label = NullableString(r, 6),
                Upc = NullableString(r, 7),
                Saved = r.GetInt64(8) != 0,
                AddedAt = VaultText.ToDate(NullableString(r, 9)),
                RemovedAt = VaultText.ToDate(NullableString(r, 10)),
                Artists = artists,
                ArtistNames = artists.ToString(),
            };
        });
    }

    public IEnumerable<VaultArtist> Artists(ArtistQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        if (query.Followed)
        {
            filter.InSavedCollection("fa", "artist_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "a.id", "a.uri");
        filter.Like("a.name", query.Name);
        var sql = $"""
            SELECT a.id, a.uri, a.name, a.genres, a.followers,
                   fa.artist_id IS NOT NULL AND fa.removed_at IS NULL, fa.followed_at, fa.removed_at,
                   (SELECT count(DISTINCT ta.track_uri) FROM track_artists ta WHERE ta.artist_id = a.id)
            FROM artists a
            LEFT JOIN followed_artists fa ON fa.artist_id = a.id
            {filter.Where}
            ORDER BY {(query.Followed ? "fa.removed_at IS NOT NULL, fa.position, a.rowid" : "a.rowid")}
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultArtist
        {
            Id = r.GetString(0),
            Uri = NullableString(r, 1),
            Name = r.GetString(2),
            Genres = VaultText.ToNames(NullableString(r, 3)),
            Followers = r.IsDBNull(4) ? null : r.GetInt64(4),
            Followed = r.GetInt64(5) != 0,
            FollowedAt = VaultText.ToDate(NullableString(r, 6)),
            RemovedAt = VaultText.ToDate(NullableString(r, 7)),
            TrackCount = r.GetInt32(8),
        });
    }

    /// <summary>Distinct artist names credited on items, for completion (includes local-file artists).</summary>
    public IEnumerable<string> ArtistNames(string namePattern, int first)
    {
        var filter = new SqlFilter();
        filter.Like("artist_name", namePattern);
        var sql = $"SELECT DISTINCT artist_name FROM track_artists {filter.Where} ORDER BY artist_name {filter.Limit(first)}";
        return Stream(sql, filter, r => r.GetString(0));
    }

    public IEnumerable<VaultShow> Shows(ShowQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        if (query.Saved)
        {
            filter.InSavedCollection("ss", "show_id", query.IncludeRemoved);
        }
        filter.In(query.Ids, "s.id", "s.uri");
        filter.Like("s.name", query.Name);
        var sql = $"""
            SELECT s.id, s.uri, s.name, s.publisher, s.description, s.total_episodes, s.explicit,
                   ss.show_id IS NOT NULL AND ss.removed_at IS NULL, ss.added_at, ss.removed_at
            FROM shows s
            LEFT JOIN saved_shows ss ON ss.show_id = s.id
            {filter.Where}
            ORDER BY {(query.Saved ? "ss.removed_at IS NOT NULL, ss.position, s.rowid" : "s.rowid")}
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultShow
        {
            Id = r.GetString(0),
            Uri = NullableString(r, 1),
            Name = r.GetString(2),
            Publisher = NullableString(r, 3),
            Description = NullableString(r, 4),
            TotalEpisodes = r.IsDBNull(5) ? null : r.GetInt32(5),
            Explicit = NullableBool(r, 6),
            Saved = r.GetInt64(7) != 0,
            AddedAt = VaultText.ToDate(NullableString(r, 8)),
            RemovedAt = VaultText.ToDate(NullableString(r, 9)),
        });
    }

    public IEnumerable<VaultEpisode> Episodes(EpisodeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        filter.Add("t.type = 'episode'");
        if (query.Saved)
        {
            filter.InSavedCollection("se", "episode_uri", query.IncludeRemoved);
        }
        filter.In(query.Ids, "t.id", "t.uri");
        filter.Like("t.name", query.Name);
        filter.Like("s.name", query.Show);
        var sql = $"""
            SELECT t.uri, t.id, t.name, s.name, t.show_id, t.release_date, t.duration_ms, t.explicit,
                   t.unavailable_since IS NULL, se.episode_uri IS NOT NULL AND se.removed_at IS NULL, se.added_at, se.removed_at
            FROM tracks t
            LEFT JOIN shows s ON s.id = t.show_id
            LEFT JOIN saved_episodes se ON se.episode_uri = t.uri
            {filter.Where}
            ORDER BY {(query.Saved ? "se.removed_at IS NOT NULL, se.position, t.rowid" : "t.rowid")}
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultEpisode
        {
            Uri = r.GetString(0),
            Id = NullableString(r, 1),
            Name = r.GetString(2),
            Show = NullableString(r, 3),
            ShowId = NullableString(r, 4),
            ReleaseDate = NullableString(r, 5),
            DurationMs = r.GetInt64(6),
            Duration = TimeSpan.FromMilliseconds(r.GetInt64(6)),
            Explicit = r.GetInt64(7) != 0,
            IsAvailable = r.GetInt64(8) != 0,
            Saved = r.GetInt64(9) != 0,
            AddedAt = VaultText.ToDate(NullableString(r, 10)),
            RemovedAt = VaultText.ToDate(NullableString(r, 11)),
        });
    }

    /// <summary>The latest capture of each requested (type, time range), rank by rank.</summary>
    public IEnumerable<VaultTopItem> TopItems(TopItemQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        filter.Add("ti.captured_at = (SELECT max(x.captured_at) FROM top_items x WHERE x.item_type = ti.item_type AND x.time_range = ti.time_range)");
        if (query.Type is { } type)
        {
            filter.Add($"ti.item_type = {filter.Parameter(TypeText(type))}");
        }
        if (query.TimeRange is { } range)
        {
            filter.Add($"ti.time_range = {filter.Parameter(RangeText(range))}");
        }
        var sql = $"""
            SELECT ti.item_type, ti.time_range, ti.captured_at, ti.rank, ti.item_key,
                   coalesce(ar.name, t.name, ti.item_key), coalesce(ar.id, t.id),
                   CASE WHEN ti.item_type = 'track' THEN {ArtistsOf("t", "ti.item_key")} END
            FROM top_items ti
            LEFT JOIN artists ar ON ti.item_type = 'artist' AND ar.id = ti.item_key
            LEFT JOIN tracks t ON ti.item_type = 'track' AND t.uri = ti.item_key
            {filter.Where}
            ORDER BY ti.item_type, CASE ti.time_range WHEN 'short_term' THEN 0 WHEN 'medium_term' THEN 1 ELSE 2 END, ti.rank
            """;
        return Stream(sql, filter, r => new VaultTopItem
        {
            Type = (r.GetString(0) == "artist" ? VaultTopItemType.Artist : VaultTopItemType.Track).ToString(),
            TimeRange = (r.GetString(1) switch { "short_term" => VaultTimeRange.Short, "medium_term" => VaultTimeRange.Medium, _ => VaultTimeRange.Long }).ToString(),
            CapturedAt = VaultText.ToDate(r.GetString(2)) ?? default,
            Rank = r.GetInt32(3),
            ItemKey = r.GetString(4),
            Name = r.GetString(5),
            Id = NullableString(r, 6),
            ArtistNames = r.IsDBNull(7) ? null : VaultText.ToNames(r.GetString(7)).ToString(),
        });
    }

    internal static string TypeText(VaultTopItemType type) => type == VaultTopItemType.Artist ? "artist" : "track";

    internal static string RangeText(VaultTimeRange range) => range switch
    {
        VaultTimeRange.Short => "short_term",
        VaultTimeRange.Medium => "medium_term",
        _ => "long_term",
    };

    /// <summary>Plays, newest first.</summary>
    public IEnumerable<VaultPlay> RecentlyPlayed(PlayQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        filter.After("rp.played_at", query.After);
        filter.Before("rp.played_at", query.Before);
        filter.Like("t.name", query.Name);
        var sql = $"""
            SELECT rp.played_at, coalesce(t.name, ''), {ArtistsOf("t", "rp.track_uri")},
                   coalesce(al.name, t.album_name), t.id, rp.track_uri, coalesce(t.duration_ms, 0), rp.context_type, rp.context_uri
            FROM recently_played rp
            LEFT JOIN tracks t ON t.uri = rp.track_uri
            LEFT JOIN albums al ON al.id = t.album_id
            {filter.Where}
            ORDER BY rp.played_at DESC
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultPlay
        {
            PlayedAt = VaultText.ToDate(r.GetString(0)) ?? default,
            Name = r.GetString(1),
            ArtistNames = VaultText.ToNames(NullableString(r, 2)).ToString(),
            Album = NullableString(r, 3),
            TrackId = NullableString(r, 4),
            Uri = r.GetString(5),
            DurationMs = r.GetInt64(6),
            ContextType = NullableString(r, 7),
            ContextUri = NullableString(r, 8),
        });
    }

    /// <summary>History rows in the order they were recorded.</summary>
    public IEnumerable<VaultChange> Changes(ChangeQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new SqlFilter();
        filter.After("c.observed_at", query.Since, inclusive: true);
        filter.AnyLike("c.kind", query.Kinds);
        filter.AnyLike("c.entity_type", query.EntityTypes);
        var sql = $"""
            SELECT c.run_id, c.observed_at, c.kind, c.entity_type, c.entity_id, c.name, c.playlist_id,
                   coalesce(p.name, c.playlist_id), c.old_value, c.new_value
            FROM changes c
            LEFT JOIN playlists p ON p.id = c.playlist_id
            {filter.Where}
            ORDER BY c.id
            {filter.Limit(query.First)}
            """;
        return Stream(sql, filter, r => new VaultChange
        {
            RunId = r.GetInt64(0),
            ObservedAt = VaultText.ToDate(r.GetString(1)) ?? default,
            Kind = r.GetString(2),
            EntityType = r.GetString(3),
            EntityId = r.GetString(4),
            Name = NullableString(r, 5),
            PlaylistId = NullableString(r, 6),
            Playlist = NullableString(r, 7),
            OldValue = NullableString(r, 8),
            NewValue = NullableString(r, 9),
        });
    }

    /// <summary>Sync runs, oldest first; with <paramref name="last"/>, only the most recent ones.</summary>
    public IEnumerable<SyncRun> SyncRuns(int? last)
    {
        var filter = new SqlFilter();
        var sql = $"""
            SELECT * FROM (
                SELECT id, started_at, ended_at, status, full_sync, requests, throttled, collections, warnings, error
                FROM sync_runs ORDER BY id DESC {filter.Limit(last)}
            ) ORDER BY id
            """;
        return Stream(sql, filter, r =>
        {
            var started = VaultText.ToDate(r.GetString(1)) ?? default;
            var ended = VaultText.ToDate(NullableString(r, 2));
            var warnings = VaultText.ToNames(NullableString(r, 8));
            return new SyncRun
            {
                Id = r.GetInt64(0),
                StartedAt = started,
                EndedAt = ended,
                Duration = ended - started,
                Status = r.GetString(3),
                Full = r.GetInt64(4) != 0,
                Requests = r.GetInt32(5),
                Throttled = r.GetInt32(6),
                Collections = NullableString(r, 7),
                Warnings = warnings,
                WarningCount = warnings.Count,
                Error = NullableString(r, 9),
            };
        });
    }

    private IEnumerable<T> Stream<T>(string sql, SqlFilter filter, Func<SqliteDataReader, T> map)
    {
        using var connection = VaultReadConnection.Open(VaultPath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        filter.Bind(command);
        using var reader = Guarded(command.ExecuteReader);
        while (Guarded(reader.Read))
        {
            RowRead?.Invoke();
            yield return Guarded(() => map(reader));
        }
    }

    // SQLite's exceptions never leave the engine: a locked, corrupt or vanished vault becomes a MusiVaultException.
    private T Guarded<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("VaultReadFailed", ErrorKind.ReadError,
                $"Cannot read the vault '{VaultPath}': {ex.Message}", VaultPath, ex);
        }
    }

    private static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static bool? NullableBool(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal) != 0;
}
