using System.Globalization;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Report;

namespace MusiVault.Engine.Query;

/// <summary>
/// The report's reads: every section is a GROUP BY (per UTC hour, per playlist, top n), never a scan handed to C# row
/// by row, so the report's size and time follow the library and the number of months, not the number of plays.
/// Times are grouped per UTC hour in SQL and turned into local months/hours here, because SQLite knows no time zones
/// and a fixed offset would put DST-edge hours into the wrong month. All sections read one snapshot (one read
/// transaction); the overview counts come from <see cref="VaultInfoReads"/> so they equal Get-VaultInfo's.
/// </summary>
internal static partial class ReportReads
{
    public const int VanishedLimit = 100;
    public const int ChangesPerPlaylist = 200;

    // Spotify sends 1970-01-01 as added_at for entries whose date it lost; they would stretch every chart to 1970.
    private const string KnownDate = "'2000'";

    // History rows about an item (track, episode, local file) rather than about a playlist or a followed thing.
    private const string ItemChange = "c.entity_type NOT IN ('playlist', 'album', 'artist', 'show', 'profile')";

    public static ReportData Read(string vaultPath, ReportWindow window, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken,
        Action<ReportPhase>? phase = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        phase?.Invoke(ReportPhase.Library);
        var info = VaultInfoReads.Info(new ReadSession(vaultPath));
        var fullPath = Path.GetFullPath(vaultPath);
        using var connection = VaultReadConnection.Open(fullPath);
        try
        {
            using var snapshot = connection.BeginTransaction(deferred: true);
            var q = new Reads(connection, snapshot, window, zone, cancellationToken);
            var tracks = ReadTracks(q);
            var playlists = ReadPlaylists(q, tracks);
            var overview = new ReportOverview
            {
                LikedSongs = info.LikedTracks,
                Playlists = info.Playlists,
                PlaylistEntries = info.PlaylistEntries,
                Albums = info.Albums,
                Artists = info.Artists,
                Shows = info.Shows,
                Episodes = info.Episodes,
                Plays = info.Plays,
                VaultCreatedAt = q.Scalar("SELECT value FROM vault_meta WHERE key = 'created_at'") is { } created ? Instant(created) : null,
                LastSyncAt = Utc(info.LastSyncAt),
                // The vault does not record backups (they live on Drive; Get-VaultBackup lists them).
                LastBackupAt = null,
                Withheld = ReadWithheld(q),
            };
            phase?.Invoke(ReportPhase.History);
            var months = ReadLibraryMonths(q);
            var vanished = ReadVanished(q, tracks);
            phase?.Invoke(ReportPhase.Listening);
            var listening = ReadListening(q, now);
            return new ReportData
            {
                GeneratedAt = now,
                VaultName = Path.GetFileName(fullPath),
                Overview = overview,
                LibraryByMonth = months,
                RecentlyVanished = vanished,
                Listening = listening,
                Playlists = playlists,
                Tracks = tracks.All,
            };
        }
        catch (SqliteException ex)
        {
            throw new MusiVaultException("VaultReadFailed", ErrorKind.ReadError,
                $"Cannot read the vault '{fullPath}': {ex.Message}", fullPath, ex);
        }
    }

    /// <summary>Thumbnails the vault already holds (image_data) for the given image URLs; nothing is fetched.</summary>
    public static Dictionary<string, ReportThumbnail> Thumbnails(string vaultPath, IEnumerable<string> urls)
    {
        var result = new Dictionary<string, ReportThumbnail>(StringComparer.Ordinal);
        var wanted = urls.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return result;
        }
        using var connection = VaultReadConnection.Open(vaultPath);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT url AS url, content_type AS content_type, bytes AS bytes FROM image_data
            WHERE url IN (SELECT value FROM json_each($urls)) AND content_type IS NOT NULL
            """;
        command.Parameters.AddWithValue("$urls", System.Text.Json.JsonSerializer.Serialize(wanted, QueryJson.Default.ListString));
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            result[r.GetString(0)] = new ReportThumbnail(r.GetString(1), (byte[])r.GetValue(2));
        }
        return result;
    }

    private static TrackIndex ReadTracks(Reads q)
    {
        var index = new TrackIndex();
        var sql = $"""
            WITH wanted(uri) AS (
              SELECT e.item_uri FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id
              WHERE p.deleted_at IS NULL AND e.item_uri IS NOT NULL
              UNION SELECT track_uri FROM liked_tracks WHERE removed_at IS NULL
              UNION SELECT c.entity_id FROM changes c WHERE {ItemChange} {q.Window("c.observed_at")}
            )
            SELECT t.uri AS uri, t.name AS name, coalesce(t.album_name, al.name) AS album, {TrackReads.ArtistsOf("t.uri")} AS artists
            FROM wanted w JOIN tracks t ON t.uri = w.uri LEFT JOIN albums al ON al.id = t.album_id
            ORDER BY t.name, t.uri
            """;
        q.Each(sql, r =>
        {
            int uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), album = r.GetOrdinal("album"), artists = r.GetOrdinal("artists");
            return () => index.Add(r.Text(uri), new ReportTrack(r.Text(name), [.. r.Names(artists)], r.TextOrNull(album), r.Text(uri)));
        });
        return index;
    }

    private static List<WithheldPlaylist> ReadWithheld(Reads q)
    {
        var withheld = new List<WithheldPlaylist>();
        q.Each("""
            SELECT name AS name, owner_name AS owner FROM playlists
            WHERE deleted_at IS NULL AND items_available = 0 ORDER BY coalesce(list_position, 1000000000), name
            """, r =>
        {
            int name = r.GetOrdinal("name"), owner = r.GetOrdinal("owner");
            return () => withheld.Add(new WithheldPlaylist(r.Text(name), r.TextOrNull(owner)));
        });
        return withheld;
    }

    private static List<ReportPlaylist> ReadPlaylists(Reads q, TrackIndex tracks)
    {
        var entries = new Dictionary<string, List<ReportEntry>>(StringComparer.Ordinal);
        q.Each("""
            SELECT e.playlist_id AS playlist_id, e.item_uri AS uri, e.added_at AS added_at,
                   e.local_name AS local_name, e.local_artist AS local_artist, e.local_album AS local_album
            FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id
            WHERE p.deleted_at IS NULL
            ORDER BY e.playlist_id, e.position
            """, r =>
        {
            int playlist = r.GetOrdinal("playlist_id"), uri = r.GetOrdinal("uri"), addedAt = r.GetOrdinal("added_at"),
                localName = r.GetOrdinal("local_name"), localArtist = r.GetOrdinal("local_artist"), localAlbum = r.GetOrdinal("local_album");
            return () =>
            {
                var fallback = new ReportTrack(r.TextOrNull(localName) ?? "(unknown item)",
                    r.TextOrNull(localArtist) is { } artist ? [artist] : [], r.TextOrNull(localAlbum));
                var index = tracks.IndexOf(r.TextOrNull(uri), fallback);
                List(entries, r.Text(playlist)).Add(new ReportEntry(index, Instant(r.TextOrNull(addedAt))));
            };
        });

        var changes = new Dictionary<string, List<ReportChange>>(StringComparer.Ordinal);
        var changeCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var limit = q.Parameter(ChangesPerPlaylist);
        q.Each($"""
            SELECT playlist_id, observed_at, kind, is_item, entity_id, name, old_value, new_value, n FROM (
              SELECT c.id AS id, c.playlist_id AS playlist_id, c.observed_at AS observed_at, c.kind AS kind,
                     {ItemChange} AS is_item, c.entity_id AS entity_id, c.name AS name,
                     c.old_value AS old_value, c.new_value AS new_value,
                     row_number() OVER (PARTITION BY c.playlist_id ORDER BY c.id DESC) AS rn,
                     count(*) OVER (PARTITION BY c.playlist_id) AS n
              FROM changes c WHERE c.playlist_id IS NOT NULL {q.Window("c.observed_at")}
            ) WHERE rn <= {limit}
            ORDER BY playlist_id, id DESC
            """, r =>
        {
            int playlist = r.GetOrdinal("playlist_id"), at = r.GetOrdinal("observed_at"), kind = r.GetOrdinal("kind"),
                isItem = r.GetOrdinal("is_item"), id = r.GetOrdinal("entity_id"), name = r.GetOrdinal("name"),
                oldValue = r.GetOrdinal("old_value"), newValue = r.GetOrdinal("new_value"), n = r.GetOrdinal("n");
            return () =>
            {
                var key = r.Text(playlist);
                changeCounts[key] = r.GetInt32(n);
                int? track = r.Flag(isItem) ? tracks.IndexOf(r.Text(id), new ReportTrack(r.TextOrNull(name) ?? r.Text(id), [], null)) : null;
                var detail = (r.TextOrNull(oldValue), r.TextOrNull(newValue)) switch
                {
                    (null, null) => track is null ? r.TextOrNull(name) : null,
                    (var before, var after) => $"{before} → {after}",
                };
                List(changes, key).Add(new ReportChange(Instant(r.Text(at)) ?? default, r.Text(kind), track, detail));
            };
        });

        var playlists = new List<ReportPlaylist>();
        q.Each("""
            SELECT p.id AS id, p.name AS name, p.owner_name AS owner, p.uri AS uri, p.last_changed_at AS last_changed_at,
                   (SELECT i.url FROM images i LEFT JOIN image_data d ON d.url = i.url
                    WHERE i.entity_type = 'playlist' AND i.entity_id = p.id
                    ORDER BY d.url IS NULL, coalesce(i.width, 100000) LIMIT 1) AS image_url
            FROM playlists p WHERE p.deleted_at IS NULL
            ORDER BY coalesce(p.list_position, 1000000000), p.name
            """, r =>
        {
            int id = r.GetOrdinal("id"), name = r.GetOrdinal("name"), owner = r.GetOrdinal("owner"), uri = r.GetOrdinal("uri"),
                lastChanged = r.GetOrdinal("last_changed_at"), image = r.GetOrdinal("image_url");
            return () =>
            {
                var key = r.Text(id);
                var list = entries.GetValueOrDefault(key) ?? [];
                playlists.Add(new ReportPlaylist
                {
                    Name = r.Text(name),
                    Owner = r.TextOrNull(owner),
                    SpotifyUri = r.TextOrNull(uri),
                    ImageUrl = r.TextOrNull(image),
                    EntryCount = list.Count,
                    LastChangedAt = Instant(r.TextOrNull(lastChanged)),
                    ChangeCount = changeCounts.GetValueOrDefault(key),
                    Entries = list,
                    Changes = changes.GetValueOrDefault(key) ?? [],
                });
            };
        });
        return playlists;
    }

    private static List<LibraryMonth> ReadLibraryMonths(Reads q)
    {
        // Per UTC hour and series; C# turns each hour into the local month.
        var sql = $"""
            SELECT 'liked' AS series, substr(added_at, 1, 13) AS hour, count(*) AS n FROM liked_tracks
            WHERE added_at >= {KnownDate} {q.Window("added_at")} GROUP BY hour
            UNION ALL
            SELECT 'entries', substr(e.added_at, 1, 13), count(*) FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id
            WHERE p.deleted_at IS NULL AND e.added_at >= {KnownDate} {q.Window("e.added_at")} GROUP BY 2
            UNION ALL
            SELECT c.kind, substr(c.observed_at, 1, 13),
                   -- an unavailable track is recorded once per playlist it is in and once for the track: count it once
                   CASE c.kind WHEN 'unavailable' THEN count(DISTINCT c.entity_id) ELSE count(*) END
            FROM changes c
            WHERE c.kind IN ('removed', 'unliked', 'unavailable') AND {ItemChange}
                  AND (c.kind <> 'removed' OR c.playlist_id IS NOT NULL) {q.Window("c.observed_at")}
            GROUP BY c.kind, 2
            """;
        var months = new SortedDictionary<ReportMonth, int[]>();
        q.Each(sql, r =>
        {
            int series = r.GetOrdinal("series"), hour = r.GetOrdinal("hour"), n = r.GetOrdinal("n");
            return () =>
            {
                if (q.LocalHour(r.TextOrNull(hour)) is not { } local)
                {
                    return;
                }
                var month = ReportMonth.Of(local);
                if (!months.TryGetValue(month, out var counts))
                {
                    months[month] = counts = new int[5];
                }
                var slot = r.Text(series) switch
                {
                    "liked" => 0,
                    "entries" => 1,
                    "removed" => 2,
                    "unliked" => 3,
                    _ => 4,
                };
                counts[slot] += r.GetInt32(n);
            };
        });
        return [.. months.Select(m => new LibraryMonth(m.Key, m.Value[0], m.Value[1], m.Value[2], m.Value[3], m.Value[4]))];
    }

    private static List<VanishedTrack> ReadVanished(Reads q, TrackIndex tracks)
    {
        var vanished = new List<VanishedTrack>();
        var limit = q.Parameter(VanishedLimit);
        q.Each($"""
            SELECT c.entity_id AS uri, c.name AS name, c.kind AS kind, c.observed_at AS observed_at,
                   CASE WHEN c.kind = 'unliked' THEN 'Liked Songs' ELSE coalesce(p.name, c.playlist_id, 'Library') END AS playlist
            FROM changes c LEFT JOIN playlists p ON p.id = c.playlist_id
            WHERE c.kind IN ('removed', 'unliked', 'unavailable') AND {ItemChange}
                  AND (c.kind <> 'removed' OR c.playlist_id IS NOT NULL) {q.Window("c.observed_at")}
            ORDER BY c.id DESC LIMIT {limit}
            """, r =>
        {
            int uri = r.GetOrdinal("uri"), name = r.GetOrdinal("name"), kind = r.GetOrdinal("kind"),
                at = r.GetOrdinal("observed_at"), playlist = r.GetOrdinal("playlist");
            return () => vanished.Add(new VanishedTrack(
                tracks.IndexOf(r.Text(uri), new ReportTrack(r.TextOrNull(name) ?? r.Text(uri), [], null)),
                r.Text(playlist),
                Instant(r.Text(at)) ?? default,
                r.Text(kind) switch
                {
                    "unliked" => VanishedReason.Unliked,
                    "unavailable" => VanishedReason.Unavailable,
                    _ => VanishedReason.Removed,
                }));
        });
        return vanished;
    }

    private static List<T> List<T>(Dictionary<string, List<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }
        return list;
    }

    private static DateTimeOffset? Instant(string? text) =>
        VaultText.ToDate(text) is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null;

    // Overloads for both shapes of the model's times (DateTime now, DateTimeOffset once issue 13's rule lands).
    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;

    private static DateTimeOffset? Utc(DateTimeOffset? value) => value;

    /// <summary>The distinct tracks the report mentions, by index; the renderer's search index.</summary>
    private sealed class TrackIndex
    {
        private readonly Dictionary<string, int> _byUri = new(StringComparer.Ordinal);
        private readonly List<ReportTrack> _all = [];

        public IReadOnlyList<ReportTrack> All => _all;

        public void Add(string uri, ReportTrack track)
        {
            _byUri[uri] = _all.Count;
            _all.Add(track);
        }

        /// <summary>The track's index; an item the vault has no row for is added once from what the caller knows.</summary>
        public int IndexOf(string? uri, ReportTrack fallback)
        {
            if (uri is not null && _byUri.TryGetValue(uri, out var index))
            {
                return index;
            }
            _all.Add(fallback);
            if (uri is not null)
            {
                _byUri[uri] = _all.Count - 1;
            }
            return _all.Count - 1;
        }
    }
}

/// <summary>The time window of the history and listening sections: [From, To), either end open.</summary>
internal readonly record struct ReportWindow(DateTimeOffset? From, DateTimeOffset? To)
{
    public static ReportWindow All => default;

    /// <summary>-Year is a calendar year in <paramref name="zone"/>; -After/-Before narrow it further.</summary>
    public static ReportWindow Of(int? year, DateTimeOffset? after, DateTimeOffset? before, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        DateTimeOffset? from = after, to = before;
        if (year is { } y)
        {
            var start = LocalStart(new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone);
            var end = LocalStart(new DateTime(y + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), zone);
            from = from is { } f && f > start ? f : start;
            to = to is { } t && t < end ? t : end;
        }
        return new ReportWindow(from, to);
    }

    /// <summary>Midnight of a date in the zone; where DST skips midnight, the first instant after the gap.</summary>
    public static DateTimeOffset LocalStart(DateTime localDate, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local)
            ? new DateTimeOffset(local.AddHours(1), zone.GetUtcOffset(local.AddHours(1)))
            : new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static string Text(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
