using Microsoft.Data.Sqlite;

namespace MusiVault.Engine.Vault;

/// <summary>
/// The vault's schema as an ordered list of migrations keyed on <c>PRAGMA user_version</c>. Migration N takes a
/// vault from version N-1 to N inside one transaction; a shipped migration is never edited, only appended to.
/// </summary>
internal static class VaultSchema
{
    private static readonly string[] Migrations =
    [
        // 1: identity of the vault (backups carry it so a restore can tell vaults apart).
        """
        CREATE TABLE vault_meta (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT;
        INSERT INTO vault_meta (key, value) VALUES ('vault_id', lower(hex(randomblob(16))));
        INSERT INTO vault_meta (key, value) VALUES ('created_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        """,

        // 2: the library. Current state in the entity tables; what changed over time in `changes`.
        // Items (tracks, episodes, local files) are keyed by URI: local files have no id.
        """
        CREATE TABLE sync_runs (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            ended_at    TEXT,
            status      TEXT NOT NULL,            -- running, succeeded, failed, cancelled
            full_sync   INTEGER NOT NULL,
            collections TEXT,                     -- JSON: per-collection counts
            requests    INTEGER NOT NULL DEFAULT 0,
            throttled   INTEGER NOT NULL DEFAULT 0,
            warnings    TEXT,                     -- JSON array
            error       TEXT
        ) STRICT;

        CREATE TABLE sync_state (
            key   TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        ) STRICT;

        CREATE TABLE profile (
            user_id      TEXT PRIMARY KEY NOT NULL,
            display_name TEXT,
            uri          TEXT,
            followers    INTEGER,
            images       TEXT,
            raw_json     TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;

        CREATE TABLE artists (
            id            TEXT PRIMARY KEY NOT NULL,
            uri           TEXT,
            name          TEXT NOT NULL,
            genres        TEXT,                   -- JSON array, only from full artist objects
            followers     INTEGER,
            images        TEXT,
            raw_json      TEXT,                   -- null while only seen embedded in a track or album
            first_seen_at TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        ) STRICT;

        CREATE TABLE albums (
            id                     TEXT PRIMARY KEY NOT NULL,
            uri                    TEXT,
            name                   TEXT NOT NULL,
            album_type             TEXT,
            release_date           TEXT,
            release_date_precision TEXT,
            total_tracks           INTEGER,
            label                  TEXT,
            upc                    TEXT,
            images                 TEXT,
            raw_json               TEXT,          -- null while only seen embedded in a track
            first_seen_at          TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        ) STRICT;

        CREATE TABLE album_artists (
            album_id  TEXT NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
            position  INTEGER NOT NULL,
            artist_id TEXT NOT NULL REFERENCES artists (id),
            PRIMARY KEY (album_id, position)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE shows (
            id             TEXT PRIMARY KEY NOT NULL,
            uri            TEXT,
            name           TEXT NOT NULL,
            publisher      TEXT,
            description    TEXT,
            total_episodes INTEGER,
            explicit       INTEGER,
            images         TEXT,
            raw_json       TEXT,
            first_seen_at  TEXT NOT NULL,
            updated_at     TEXT NOT NULL
        ) STRICT;

        CREATE TABLE tracks (
            uri               TEXT PRIMARY KEY NOT NULL,
            id                TEXT,
            type              TEXT NOT NULL,      -- track, episode, local
            name              TEXT NOT NULL,
            album_id          TEXT REFERENCES albums (id),
            album_name        TEXT,               -- also set for local files, which have no album id
            show_id           TEXT REFERENCES shows (id),
            duration_ms       INTEGER NOT NULL,
            explicit          INTEGER NOT NULL,
            isrc              TEXT,
            disc_number       INTEGER,
            track_number      INTEGER,
            release_date      TEXT,
            is_playable       INTEGER,
            artist_names      TEXT,               -- JSON array in credited order: track_artists, ready for listing
            raw_json          TEXT NOT NULL,
            first_seen_at     TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            unavailable_since TEXT
        ) STRICT;
        CREATE INDEX tracks_by_album ON tracks (album_id);

        CREATE TABLE track_artists (
            track_uri   TEXT NOT NULL REFERENCES tracks (uri) ON DELETE CASCADE,
            position    INTEGER NOT NULL,
            artist_id   TEXT REFERENCES artists (id), -- null for local files
            artist_name TEXT NOT NULL,
            PRIMARY KEY (track_uri, position)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX track_artists_by_artist ON track_artists (artist_id);

        CREATE TABLE playlists (
            id                   TEXT PRIMARY KEY NOT NULL,
            uri                  TEXT,
            name                 TEXT NOT NULL,
            description          TEXT,
            owner_id             TEXT,
            owner_name           TEXT,
            public               INTEGER,
            collaborative        INTEGER NOT NULL,
            snapshot_id          TEXT,
            items_total          INTEGER,
            followers            INTEGER,
            images               TEXT,
            raw_json             TEXT NOT NULL,
            items_available      INTEGER,         -- 1 read, 0 refused to this app, null never tried
            items_unavailable_reason TEXT,
            items_snapshot_id    TEXT,            -- snapshot whose items are stored; null: must read
            items_synced_at      TEXT,
            unavailable_warned   INTEGER NOT NULL DEFAULT 0,
            list_position        INTEGER,
            first_seen_at        TEXT NOT NULL,
            updated_at           TEXT NOT NULL,
            last_changed_at      TEXT,
            deleted_at           TEXT             -- no longer in the user's playlists
        ) STRICT;

        CREATE TABLE playlist_entries (
            playlist_id       TEXT NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
            position          INTEGER NOT NULL,
            item_uri          TEXT REFERENCES tracks (uri),   -- last known item; null if never known
            is_available      INTEGER NOT NULL,               -- 0 when Spotify now returns no item here
            added_at          TEXT,
            added_by          TEXT,
            is_local          INTEGER NOT NULL,
            local_name        TEXT,
            local_artist      TEXT,
            local_album       TEXT,
            local_duration_ms INTEGER,
            PRIMARY KEY (playlist_id, position)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX playlist_entries_by_item ON playlist_entries (item_uri);

        -- Saved collections keep removed rows (removed_at set) so the archive remembers them.
        CREATE TABLE liked_tracks (
            track_uri  TEXT PRIMARY KEY NOT NULL REFERENCES tracks (uri),
            added_at   TEXT,
            position   INTEGER,
            removed_at TEXT
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX liked_tracks_in_order ON liked_tracks (removed_at, position);

        CREATE TABLE saved_albums (
            album_id   TEXT PRIMARY KEY NOT NULL REFERENCES albums (id),
            added_at   TEXT,
            position   INTEGER,
            removed_at TEXT
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE saved_shows (
            show_id    TEXT PRIMARY KEY NOT NULL REFERENCES shows (id),
            added_at   TEXT,
            position   INTEGER,
            removed_at TEXT
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE saved_episodes (
            episode_uri TEXT PRIMARY KEY NOT NULL REFERENCES tracks (uri),
            added_at    TEXT,
            position    INTEGER,
            removed_at  TEXT
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE followed_artists (
            artist_id  TEXT PRIMARY KEY NOT NULL REFERENCES artists (id),
            position   INTEGER,
            followed_at TEXT NOT NULL,           -- first seen followed (Spotify gives no date)
            removed_at TEXT
        ) STRICT, WITHOUT ROWID;

        -- One capture per (type, time range) whenever the ranking differs from the previous capture.
        CREATE TABLE top_items (
            item_type   TEXT NOT NULL,            -- artist, track
            time_range  TEXT NOT NULL,            -- short_term, medium_term, long_term
            captured_at TEXT NOT NULL,
            rank        INTEGER NOT NULL,
            item_key    TEXT NOT NULL,            -- artist id or track uri
            run_id      INTEGER NOT NULL,
            PRIMARY KEY (item_type, time_range, captured_at, rank)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE recently_played (
            played_at    TEXT NOT NULL,
            track_uri    TEXT NOT NULL REFERENCES tracks (uri),
            context_type TEXT,
            context_uri  TEXT,
            PRIMARY KEY (played_at, track_uri)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE images (
            entity_type TEXT NOT NULL,            -- album, artist, playlist, show, track, profile
            entity_id   TEXT NOT NULL,
            url         TEXT NOT NULL,
            width       INTEGER,
            height      INTEGER,
            PRIMARY KEY (entity_type, entity_id, url)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE image_data (
            url          TEXT PRIMARY KEY NOT NULL,
            content_type TEXT,
            bytes        BLOB NOT NULL,
            fetched_at   TEXT NOT NULL
        ) STRICT;

        CREATE TABLE audio_features (
            track_id    TEXT PRIMARY KEY NOT NULL,
            raw_json    TEXT NOT NULL,
            captured_at TEXT NOT NULL
        ) STRICT;

        -- The history. Never deleted by a sync.
        CREATE TABLE changes (
            id          INTEGER PRIMARY KEY,
            run_id      INTEGER NOT NULL REFERENCES sync_runs (id),
            observed_at TEXT NOT NULL,
            entity_type TEXT NOT NULL,            -- track, album, artist, show, episode, playlist, profile
            entity_id   TEXT NOT NULL,
            kind        TEXT NOT NULL,            -- added, removed, renamed, reordered, changed, unavailable, available, liked, unliked, followed, unfollowed, saved, unsaved
            name        TEXT,
            playlist_id TEXT,
            old_value   TEXT,
            new_value   TEXT
        ) STRICT;
        CREATE INDEX changes_by_time ON changes (observed_at);
        CREATE INDEX changes_by_entity ON changes (entity_type, entity_id);
        """,

        // 3: each fact stored once. Images live only in `images`, artist names only in `track_artists` (raw_json stays:
        // it is the verbatim archive). What only the dropped columns held is carried over first.
        """
        INSERT OR IGNORE INTO images (entity_type, entity_id, url, width, height)
        SELECT o.entity_type, o.entity_id, json_extract(j.value, '$.url'), json_extract(j.value, '$.width'), json_extract(j.value, '$.height')
        FROM (SELECT 'profile' AS entity_type, user_id AS entity_id, images FROM profile
              UNION ALL SELECT 'artist', id, images FROM artists
              UNION ALL SELECT 'album', id, images FROM albums
              UNION ALL SELECT 'show', id, images FROM shows
              UNION ALL SELECT 'playlist', id, images FROM playlists) o,
             json_each(o.images) j
        WHERE o.images IS NOT NULL AND json_valid(o.images) AND json_type(o.images) = 'array'
          AND json_type(j.value, '$.url') = 'text';

        INSERT OR IGNORE INTO track_artists (track_uri, position, artist_id, artist_name)
        SELECT t.uri, j.key,
               (SELECT a.id FROM artists a WHERE a.id = json_extract(t.raw_json, '$.artists[' || j.key || '].id')),
               j.value
        FROM tracks t, json_each(t.artist_names) j
        WHERE t.artist_names IS NOT NULL AND json_valid(t.artist_names) AND json_type(t.artist_names) = 'array'
          AND j.type = 'text'
          AND NOT EXISTS (SELECT 1 FROM track_artists ta WHERE ta.track_uri = t.uri);

        ALTER TABLE profile DROP COLUMN images;
        ALTER TABLE artists DROP COLUMN images;
        ALTER TABLE albums DROP COLUMN images;
        ALTER TABLE shows DROP COLUMN images;
        ALTER TABLE playlists DROP COLUMN images;
        ALTER TABLE tracks DROP COLUMN artist_names;
        """,

        // 4: point in time (playlist entry versions, saved-item intervals), rebuilt from history for existing vaults.
        PointInTimeSchema.Migration,

        // 5: restore journal: a killed restore run again creates no second playlist and adds nothing twice.
        """
        CREATE TABLE restore_journal (
            restore_key  TEXT PRIMARY KEY NOT NULL,  -- source, state restored, target user and name
            token        TEXT NOT NULL,              -- written into the created playlist's description, to find it again
            playlist_id  TEXT,                       -- the playlist created in Spotify, once known
            planned      INTEGER NOT NULL,
            acknowledged INTEGER NOT NULL DEFAULT 0, -- items Spotify confirmed, in order
            pending      INTEGER,                    -- items of the write in flight (NULL: none)
            done         INTEGER NOT NULL DEFAULT 0,
            started_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL
        ) STRICT;
        """,

        // 6: every play in one table, whatever told us about it: the API's recently played (source bit 1), the privacy
        // export's extended history (2) and account data (4); a play both sources know is one row with both bits.
        // ended_at is Unix milliseconds (UTC): the END of the play in both sources (the API's played_at is when the
        // track finished: consecutive played_at differ by the newer track's duration in the recorded fixtures), and an
        // integer keeps a million plays small and their time buckets cheap. `identity` is the 64-bit hash of
        // (end second, item) that makes a re-import a unique-index probe; null for API plays stored before version 6.
        // What was played lives once in play_items (a few thousand rows for a million plays); items known only by
        // name (account data, an export without URIs) are kept by their names.
        """
        CREATE TABLE play_items (
            id            INTEGER PRIMARY KEY,
            item_key      TEXT NOT NULL UNIQUE,   -- the URI, or 'names:<kind>:' + upper-cased names when there is none
            kind          TEXT NOT NULL,          -- track, episode, audiobook
            uri           TEXT,
            name          TEXT,                   -- track, episode or chapter title
            artist        TEXT,                   -- the album artist (export) or first credited artist (API)
            album         TEXT,
            show          TEXT,                   -- the show of an episode, the book of an audiobook chapter
            audiobook_uri TEXT
        ) STRICT;

        CREATE TABLE plays (
            id           INTEGER PRIMARY KEY,
            identity     INTEGER UNIQUE,
            ended_at     INTEGER NOT NULL,        -- Unix ms, UTC
            item_id      INTEGER REFERENCES play_items (id), -- null: Spotify could not say what was played
            ms_played    INTEGER,                 -- null for plays only the API reported
            source       INTEGER NOT NULL,        -- bits: 1 API, 2 extended streaming history, 4 account data
            platform     TEXT,
            country      TEXT,
            reason_start TEXT,
            reason_end   TEXT,
            shuffle      INTEGER,
            skipped      INTEGER,
            offline      INTEGER,
            offline_at   INTEGER,                 -- Unix ms
            incognito    INTEGER,
            context_type TEXT,
            context_uri  TEXT,
            ip_addr      TEXT,                    -- network fields: only with Import-SpotifyDataExport -IncludeNetworkFields
            user_agent   TEXT,
            username     TEXT
        ) STRICT;
        CREATE INDEX plays_by_time ON plays (ended_at);
        CREATE INDEX plays_by_item ON plays (item_id, ended_at);

        INSERT OR IGNORE INTO play_items (item_key, kind, uri, name, artist, album, show)
        SELECT t.uri, CASE t.type WHEN 'episode' THEN 'episode' ELSE 'track' END, t.uri, t.name,
               (SELECT ta.artist_name FROM track_artists ta WHERE ta.track_uri = t.uri ORDER BY ta.position LIMIT 1),
               coalesce((SELECT al.name FROM albums al WHERE al.id = t.album_id), t.album_name),
               (SELECT s.name FROM shows s WHERE s.id = t.show_id)
        FROM tracks t WHERE t.uri IN (SELECT track_uri FROM recently_played);
        INSERT INTO plays (ended_at, item_id, source, context_type, context_uri)
        SELECT CAST(round((julianday(rp.played_at) - 2440587.5) * 86400000.0) AS INTEGER), i.id, 1, rp.context_type, rp.context_uri
        FROM recently_played rp JOIN play_items i ON i.item_key = rp.track_uri
        ORDER BY rp.played_at;
        DROP TABLE recently_played;

        -- What version 3 called recently_played, for readers written against it: the plays the API reported.
        CREATE VIEW recently_played AS
        SELECT strftime('%Y-%m-%dT%H:%M:%S', p.ended_at / 1000, 'unixepoch') || printf('.%03dZ', p.ended_at % 1000) AS played_at,
               i.uri AS track_uri, p.context_type AS context_type, p.context_uri AS context_uri
        FROM plays p JOIN play_items i ON i.id = p.item_id
        WHERE (p.source & 1) = 1 AND i.uri IS NOT NULL;

        -- Writers of version 3 (test seeds, older tools) keep working: a row inserted into the view becomes an API play.
        CREATE TRIGGER recently_played_insert INSTEAD OF INSERT ON recently_played
        BEGIN
            INSERT OR IGNORE INTO play_items (item_key, kind, uri, name, artist, album, show)
            SELECT t.uri, CASE t.type WHEN 'episode' THEN 'episode' ELSE 'track' END, t.uri, t.name,
                   (SELECT ta.artist_name FROM track_artists ta WHERE ta.track_uri = t.uri ORDER BY ta.position LIMIT 1),
                   coalesce((SELECT al.name FROM albums al WHERE al.id = t.album_id), t.album_name),
                   (SELECT s.name FROM shows s WHERE s.id = t.show_id)
            FROM tracks t WHERE t.uri = NEW.track_uri;
            INSERT OR IGNORE INTO play_items (item_key, kind, uri) VALUES (NEW.track_uri, 'track', NEW.track_uri);
            INSERT INTO plays (ended_at, item_id, source, context_type, context_uri)
            VALUES (CAST(round((julianday(NEW.played_at) - 2440587.5) * 86400000.0) AS INTEGER),
                    (SELECT id FROM play_items WHERE item_key = NEW.track_uri), 1, NEW.context_type, NEW.context_uri);
        END;
        """,

        // 7: play identities time first: (end second << 32) | the low 32 bits of the version-6 hash (see
        // PlayIdentity.Hash). A random 64-bit key made every file of an import rewrite pages all over its index; in time
        // order the index grows at its end and an import reads a batch's identities with one range scan. The end second
        // is ended_at / 1000 for every kind of row (export rows keep whole seconds; account rows the minute).
        """
        UPDATE OR IGNORE plays SET identity = ((ended_at / 1000) << 32) | (identity & 4294967295) WHERE identity IS NOT NULL;
        """,

        // 8: plays_by_time covers what the report and Measure-VaultPlay's time buckets read (when, what, how long,
        // skipped): their scans of a million plays read the index (~25 bytes a play) instead of the wide rows
        // (~200 bytes), about half the report's time at a million plays. Same name, so nothing that names it changes.
        """
        DROP INDEX plays_by_time;
        CREATE INDEX plays_by_time ON plays (ended_at, item_id, ms_played, skipped);
        """,
    ];

    public static int CurrentVersion => Migrations.Length;

    public static int GetVersion(SqliteConnection connection, SqliteTransaction? transaction = null) =>
        Convert.ToInt32(VaultDatabase.Scalar(connection, "PRAGMA user_version;", transaction), System.Globalization.CultureInfo.InvariantCulture);

    public static void Migrate(SqliteConnection connection) => Migrate(connection, CurrentVersion);

    /// <summary>Migrates up to <paramref name="targetVersion"/> only: tests build a vault as an older MusiVault left it.</summary>
    internal static void Migrate(SqliteConnection connection, int targetVersion)
    {
        var version = GetVersion(connection);
        if (version > CurrentVersion)
        {
            throw new VaultSchemaTooNewException(connection.DataSource, version);
        }

        if (version >= targetVersion)
        {
            return;
        }
        // BEGIN IMMEDIATE: two processes opening a new vault at once must not both run migration 1. All pending
        // migrations in one transaction: a process killed while creating or upgrading a vault leaves it as it was,
        // never half-way (a vault at version 1 has no library tables).
        using var transaction = connection.BeginTransaction(deferred: false);
        for (var current = GetVersion(connection, transaction); current < targetVersion; current++)
        {
            VaultDatabase.Execute(connection, Migrations[current], transaction);
            VaultDatabase.Execute(connection, $"PRAGMA user_version = {current + 1};", transaction);
        }
        transaction.Commit();
    }
}
