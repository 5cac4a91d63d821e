namespace MusiVault.Engine.Vault;

/// <summary>
/// Migration 4: point in time. What each playlist position held and when each saved item was in its collection, as
/// intervals [valid_from, valid_to) in vault time (valid_to NULL = still so). Existing vaults get intervals rebuilt
/// from their current state and the <c>changes</c> history, best effort: the history never recorded positions, so a
/// playlist's current order is known only since its last recorded entry change (earlier orders cannot be rebuilt);
/// saved items get one interval per like/unlike pair in the history, the first one starting at the vault's first sync.
/// </summary>
internal static class PointInTimeSchema
{
    private sealed record Collection(string Table, string Key, string DateColumn, string EntityType, string OnKind, string OffKind);

    private static readonly Collection[] Collections =
    [
        new("liked_tracks", "track_uri", "added_at", "track", "liked", "unliked"),
        new("saved_albums", "album_id", "added_at", "album", "saved", "unsaved"),
        new("saved_shows", "show_id", "added_at", "show", "saved", "unsaved"),
        new("saved_episodes", "episode_uri", "added_at", "episode", "saved", "unsaved"),
        new("followed_artists", "artist_id", "NULL", "artist", "followed", "unfollowed"),
    ];

    private const string Tables = """
        CREATE TABLE playlist_entry_versions (
            playlist_id       TEXT NOT NULL,
            position          INTEGER NOT NULL,
            valid_from        TEXT NOT NULL,
            valid_to          TEXT,
            item_uri          TEXT,
            is_available      INTEGER NOT NULL,
            added_at          TEXT,
            added_by          TEXT,
            is_local          INTEGER NOT NULL,
            local_name        TEXT,
            local_artist      TEXT,
            local_album       TEXT,
            local_duration_ms INTEGER,
            PRIMARY KEY (playlist_id, position, valid_from)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX playlist_entry_versions_open ON playlist_entry_versions (playlist_id, valid_to);

        -- One row per stretch of time an item was in a saved collection (a re-like after an unlike is a second row).
        CREATE TABLE saved_intervals (
            collection TEXT NOT NULL,             -- liked_tracks, saved_albums, saved_shows, saved_episodes, followed_artists
            item_key   TEXT NOT NULL,             -- the collection table's key: track/episode uri, album/show/artist id
            valid_from TEXT NOT NULL,             -- in the collection since (vault time: when first seen there)
            valid_to   TEXT,                      -- first seen gone; NULL = still in the collection
            added_at   TEXT,                      -- Spotify's date for this stretch (none for followed artists)
            first_seen TEXT NOT NULL,             -- when the vault first saw it there
            PRIMARY KEY (collection, item_key, valid_from)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX saved_intervals_open ON saved_intervals (collection, valid_to);

        INSERT INTO playlist_entry_versions (playlist_id, position, valid_from, valid_to, item_uri, is_available, added_at,
            added_by, is_local, local_name, local_artist, local_album, local_duration_ms)
        SELECT e.playlist_id, e.position,
               coalesce((SELECT max(c.observed_at) FROM changes c
                         WHERE c.playlist_id = e.playlist_id
                           AND ((c.entity_type <> 'playlist' AND c.kind IN ('added', 'removed')) OR c.kind = 'reordered')),
                        p.first_seen_at),
               NULL, e.item_uri, e.is_available, e.added_at, e.added_by, e.is_local, e.local_name, e.local_artist,
               e.local_album, e.local_duration_ms
        FROM playlist_entries e JOIN playlists p ON p.id = e.playlist_id;
        """;

    public static string Migration { get; } = Tables + string.Concat(Collections.Select(Backfill));

    // The row's own (latest) stretch, then every earlier stretch the history closed with an off-change.
    private static string Backfill(Collection c) => $"""

        INSERT OR IGNORE INTO saved_intervals (collection, item_key, valid_from, valid_to, added_at, first_seen)
        SELECT '{c.Table}', k, f, r, a, f
        FROM (SELECT s.{c.Key} AS k, s.removed_at AS r, {(c.DateColumn == "NULL" ? "NULL" : "s." + c.DateColumn)} AS a,
                     coalesce((SELECT max(ch.observed_at) FROM changes ch
                               WHERE ch.entity_type = '{c.EntityType}' AND ch.entity_id = s.{c.Key} AND ch.kind = '{c.OnKind}'
                                 AND ch.observed_at <= coalesce(s.removed_at, '9999')),
                              {(c.Table == "followed_artists" ? "s.followed_at, " : "")}(SELECT min(started_at) FROM sync_runs),
                              {(c.DateColumn == "NULL" ? "" : "s." + c.DateColumn + ", ")}strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) AS f
              FROM {c.Table} s);

        INSERT OR IGNORE INTO saved_intervals (collection, item_key, valid_from, valid_to, added_at, first_seen)
        SELECT '{c.Table}', k, f, u, NULL, f
        FROM (SELECT off.entity_id AS k, off.observed_at AS u,
                     coalesce((SELECT max(ch.observed_at) FROM changes ch
                               WHERE ch.entity_type = off.entity_type AND ch.entity_id = off.entity_id AND ch.kind = '{c.OnKind}'
                                 AND ch.observed_at < off.observed_at),
                              (SELECT min(started_at) FROM sync_runs), off.observed_at) AS f
              FROM changes off
              WHERE off.entity_type = '{c.EntityType}' AND off.kind = '{c.OffKind}'
                AND NOT EXISTS (SELECT 1 FROM {c.Table} s WHERE s.{c.Key} = off.entity_id AND s.removed_at = off.observed_at))
        WHERE f < u;
        """;
}
