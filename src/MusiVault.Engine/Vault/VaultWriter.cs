using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Writes Spotify entities into the vault with prepared statements. One writer per connection, used by one thread
/// at a time, always inside a transaction the caller owns (<see cref="Begin"/>). Entities already written in this
/// run are remembered so a track that is on twenty playlists is upserted once.
/// </summary>
public sealed class VaultWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writtenThisRun = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public VaultWriter(SqliteConnection connection, string now)
    {
        _connection = connection;
        Now = now;
    }

    /// <summary>The run's timestamp, written as first_seen_at/updated_at/observed_at.</summary>
    public string Now { get; }

    public SqliteConnection Connection => _connection;

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Timestamp(DateTimeOffset? value) => value is null ? null : Timestamp(value.Value);

    public SqliteTransaction Begin()
    {
        if (_transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open on this writer.");
        }
        _transaction = _connection.BeginTransaction(deferred: false);
        return _transaction;
    }

    public void Commit()
    {
        _transaction?.Commit();
        _transaction?.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (SqliteException)
        {
            // The connection may be closing; SQLite rolls back an open transaction by itself then.
        }
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: the unit of crash safety.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        Begin();
        try
        {
            var result = work();
            Commit();
            return result;
        }
        catch
        {
            Rollback();
            throw;
        }
    }

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    /// <summary>A prepared command, created once per writer and re-bound to the current transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }
        command.Transaction = _transaction;
        return command;
    }

    public int Execute(string sql, params object?[] values)
    {
        var command = Bind(sql, values);
        return command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params object?[] values) => Bind(sql, values).ExecuteScalar();

    public SqliteDataReader Query(string sql, params object?[] values) => Bind(sql, values).ExecuteReader();

    private SqliteCommand Bind(string sql, object?[] values)
    {
        var command = Command(sql);
        // Parameters are created once per prepared command and only their values change: binding is the hot path.
        if (command.Parameters.Count != values.Length)
        {
            command.Parameters.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value));
            }
            return command;
        }
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return command;
    }

    // ---- entities -----------------------------------------------------------------------------------------

    public void UpsertArtistRef(SpotifyArtistRef artist)
    {
        if (artist.Id is null || !_writtenThisRun.Add("artist-ref:" + artist.Id))
        {
            return;
        }
        Execute("""
            INSERT INTO artists (id, uri, name, first_seen_at, updated_at) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, uri = coalesce(excluded.uri, artists.uri)
            WHERE artists.name IS NOT excluded.name OR artists.uri IS NOT coalesce(excluded.uri, artists.uri)
            """, artist.Id, artist.Uri, artist.Name, Now);
    }

    public void UpsertArtist(SpotifyArtist artist)
    {
        if (!_writtenThisRun.Add("artist:" + artist.Id))
        {
            return;
        }
        _writtenThisRun.Add("artist-ref:" + artist.Id);
        Execute("""
            INSERT INTO artists (id, uri, name, genres, followers, images, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, genres = excluded.genres,
                followers = excluded.followers, images = excluded.images, raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE artists.raw_json IS NOT excluded.raw_json
            """, artist.Id, artist.Uri, artist.Name, JsonSerializer.Serialize(artist.Genres, VaultJson.Default.IReadOnlyListString),
            artist.Followers, ImagesJson(artist.Images), artist.RawJson, Now);
        WriteImages("artist", artist.Id, artist.Images);
    }

    public void UpsertAlbumRef(SpotifyAlbumRef album)
    {
        if (album.Id is null || !_writtenThisRun.Add("album-ref:" + album.Id))
        {
            return;
        }
        foreach (var artist in album.Artists)
        {
            UpsertArtistRef(artist);
        }
        var inserted = Execute("""
            INSERT INTO albums (id, uri, name, album_type, release_date, release_date_precision, images, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, album_type = coalesce(excluded.album_type, albums.album_type),
                release_date = coalesce(excluded.release_date, albums.release_date),
                release_date_precision = coalesce(excluded.release_date_precision, albums.release_date_precision),
                images = excluded.images
            WHERE albums.name IS NOT excluded.name OR albums.images IS NOT excluded.images
                OR albums.release_date IS NOT coalesce(excluded.release_date, albums.release_date)
            """, album.Id, album.Uri, album.Name, album.AlbumType?.ToLowerInvariant(), album.ReleaseDate, album.ReleaseDatePrecision,
            ImagesJson(album.Images), Now);
        if (inserted > 0)
        {
            WriteAlbumArtists(album.Id, album.Artists);
            WriteImages("album", album.Id, album.Images);
        }
    }

    public void UpsertAlbum(SpotifyAlbum album)
    {
        if (!_writtenThisRun.Add("album:" + album.Id))
        {
            return;
        }
        _writtenThisRun.Add("album-ref:" + album.Id);
        foreach (var artist in album.Artists)
        {
            UpsertArtistRef(artist);
        }
        Execute("""
            INSERT INTO albums (id, uri, name, album_type, release_date, release_date_precision, total_tracks, label, upc, images, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, album_type = excluded.album_type,
                release_date = excluded.release_date, release_date_precision = excluded.release_date_precision,
                total_tracks = excluded.total_tracks, label = excluded.label, upc = excluded.upc, images = excluded.images,
                raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE albums.raw_json IS NOT excluded.raw_json
            """, album.Id, album.Uri, album.Name, album.AlbumType?.ToLowerInvariant(), album.ReleaseDate, album.ReleaseDatePrecision,
            album.TotalTracks, album.Label, album.Upc, ImagesJson(album.Images), album.RawJson, Now);
        WriteAlbumArtists(album.Id, album.Artists);
        WriteImages("album", album.Id, album.Images);
    }

    private void WriteAlbumArtists(string albumId, IReadOnlyList<SpotifyArtistRef> artists)
    {
        Execute("DELETE FROM album_artists WHERE album_id = $1", albumId);
        var position = 0;
        foreach (var artist in artists)
        {
            if (artist.Id is not null)
            {
                Execute("INSERT OR IGNORE INTO album_artists (album_id, position, artist_id) VALUES ($1, $2, $3)", albumId, position++, artist.Id);
            }
        }
    }

    public void UpsertShowRef(SpotifyShowRef show)
    {
        if (show.Id is null || !_writtenThisRun.Add("show-ref:" + show.Id))
        {
            return;
        }
        Execute("""
            INSERT INTO shows (id, uri, name, publisher, first_seen_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, publisher = coalesce(excluded.publisher, shows.publisher)
            WHERE shows.name IS NOT excluded.name
            """, show.Id, show.Uri, show.Name, show.Publisher, Now);
    }

    public void UpsertShow(SpotifyShow show)
    {
        if (!_writtenThisRun.Add("show:" + show.Id))
        {
            return;
        }
        _writtenThisRun.Add("show-ref:" + show.Id);
        Execute("""
            INSERT INTO shows (id, uri, name, publisher, description, total_episodes, explicit, images, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, publisher = excluded.publisher,
                description = excluded.description, total_episodes = excluded.total_episodes, explicit = excluded.explicit,
                images = excluded.images, raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE shows.raw_json IS NOT excluded.raw_json
            """, show.Id, show.Uri, show.Name, show.Publisher, show.Description, show.TotalEpisodes, show.Explicit ? 1 : 0,
            ImagesJson(show.Images), show.RawJson, Now);
        WriteImages("show", show.Id, show.Images);
    }

    /// <summary>
    /// Upserts a track, episode or local file. Returns the availability transition it observed (for history):
    /// a track that Spotify now marks not playable becomes unavailable; one that is playable again, available.
    /// </summary>
    public AvailabilityChange UpsertPlayable(SpotifyPlayable item)
    {
        if (!_writtenThisRun.Add("item:" + item.Uri))
        {
            return AvailabilityChange.None;
        }
        if (item.Album is not null)
        {
            UpsertAlbumRef(item.Album);
        }
        if (item.Show is not null)
        {
            UpsertShowRef(item.Show);
        }
        foreach (var artist in item.Artists)
        {
            UpsertArtistRef(artist);
        }

        var type = item.IsLocal ? "local" : item.Kind == PlayableKind.Episode ? "episode" : "track";
        var rawJson = PlayableJson.WithoutPlaylistFlags(item.RawJson);
        var nowUnavailable = item.IsPlayable == false;
        object?[] values =
        [
            item.Uri, item.Id, type, item.Name, item.Album?.Id, item.Album?.Name ?? item.Show?.Name, item.Show?.Id,
            item.DurationMs, item.Explicit ? 1 : 0, item.Isrc, item.DiscNumber, item.TrackNumber,
            item.ReleaseDate ?? item.Album?.ReleaseDate, item.IsPlayable is null ? null : item.IsPlayable.Value ? 1 : 0,
            rawJson, Now, nowUnavailable ? Now : null,
            JsonSerializer.Serialize(item.Artists.Select(a => a.Name).ToList(), VaultJson.Default.ListString),
        ];

        // Most items of a first sync are new: one INSERT settles them. Only a conflict needs the comparison below.
        var existed = Execute("""
            INSERT INTO tracks (uri, id, type, name, album_id, album_name, show_id, duration_ms, explicit, isrc, disc_number,
                track_number, release_date, is_playable, raw_json, first_seen_at, updated_at, unavailable_since, artist_names)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18)
            ON CONFLICT (uri) DO NOTHING
            """, values) == 0;
        var change = AvailabilityChange.None;
        if (existed)
        {
            bool? wasPlayable;
            string? unavailableSince;
            using (var reader = Query("SELECT is_playable, unavailable_since, raw_json = $2 FROM tracks WHERE uri = $1", item.Uri, rawJson))
            {
                reader.Read();
                wasPlayable = reader.IsDBNull(0) ? null : reader.GetInt64(0) != 0;
                unavailableSince = reader.IsDBNull(1) ? null : reader.GetString(1);
                if (reader.GetInt64(2) == 1)
                {
                    return AvailabilityChange.None; // identical to what we have
                }
            }
            if (nowUnavailable && unavailableSince is null)
            {
                change = AvailabilityChange.BecameUnavailable;
                unavailableSince = Now;
            }
            else if (!nowUnavailable && unavailableSince is not null && wasPlayable == false)
            {
                change = AvailabilityChange.BecameAvailable;
                unavailableSince = null;
            }
            values[16] = unavailableSince;
            Execute("""
                UPDATE tracks SET id = $2, type = $3, name = $4, album_id = $5, album_name = $6, show_id = $7, duration_ms = $8,
                    explicit = $9, isrc = coalesce($10, isrc), disc_number = $11, track_number = $12, release_date = $13,
                    is_playable = $14, raw_json = $15, updated_at = $16, unavailable_since = $17, artist_names = $18
                WHERE uri = $1
                """, values);
        }

        if (existed)
        {
            Execute("DELETE FROM track_artists WHERE track_uri = $1", item.Uri);
        }
        var position = 0;
        foreach (var artist in item.Artists)
        {
            Execute("INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ($1, $2, $3, $4)",
                item.Uri, position++, artist.Id, artist.Name);
        }
        if (item.Id is not null)
        {
            WriteImages(type, item.Id, item.Images);
        }
        return change;
    }

    public void WriteImages(string entityType, string entityId, IReadOnlyList<SpotifyImage> images)
    {
        foreach (var image in images)
        {
            Execute("""
                INSERT INTO images (entity_type, entity_id, url, width, height) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (entity_type, entity_id, url) DO UPDATE SET width = excluded.width, height = excluded.height
                WHERE images.width IS NOT excluded.width OR images.height IS NOT excluded.height
                """, entityType, entityId, image.Url, image.Width, image.Height);
        }
    }

    public void RecordChange(long runId, string entityType, string entityId, string kind, string? name,
        string? playlistId = null, string? oldValue = null, string? newValue = null)
    {
        Execute("""
            INSERT INTO changes (run_id, observed_at, entity_type, entity_id, kind, name, playlist_id, old_value, new_value)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            """, runId, Now, entityType, entityId, kind, name, playlistId, oldValue, newValue);
    }

    public string? GetState(string key) => Scalar("SELECT value FROM sync_state WHERE key = $1", key) as string;

    public void SetState(string key, string value) =>
        Execute("INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);

    public static string ImagesJson(IReadOnlyList<SpotifyImage> images) =>
        JsonSerializer.Serialize(images, VaultJson.Default.IReadOnlyListSpotifyImage);

    public void Dispose()
    {
        Rollback();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
    }
}

public enum AvailabilityChange
{
    None,
    BecameUnavailable,
    BecameAvailable,
}
