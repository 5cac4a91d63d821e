using System.Text.Json;
using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Vault;

/// <summary>
/// Upserts the entities every collection refers to: artists, albums, shows, tracks/episodes/local files and their
/// images. Entities already written in this run are remembered, so a track that is on twenty playlists is upserted
/// once. One instance per sync run (what it remembers is per run).
/// </summary>
internal sealed class EntityStore(VaultWriter writer)
{
    private readonly VaultWriter _writer = writer;
    private readonly HashSet<string> _writtenThisRun = new(StringComparer.Ordinal);

    public void UpsertArtistRef(SpotifyArtistRef artist)
    {
        if (artist.Id is null || !_writtenThisRun.Add("artist-ref:" + artist.Id))
        {
            return;
        }
        _writer.Execute("""
            INSERT INTO artists (id, uri, name, first_seen_at, updated_at) VALUES ($1, $2, $3, $4, $4)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, uri = coalesce(excluded.uri, artists.uri)
            WHERE artists.name IS NOT excluded.name OR artists.uri IS NOT coalesce(excluded.uri, artists.uri)
            """, artist.Id, artist.Uri, artist.Name, _writer.Now);
    }

    public void UpsertArtist(SpotifyArtist artist)
    {
        if (!_writtenThisRun.Add("artist:" + artist.Id))
        {
            return;
        }
        _writtenThisRun.Add("artist-ref:" + artist.Id);
        _writer.Execute("""
            INSERT INTO artists (id, uri, name, genres, followers, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, genres = excluded.genres,
                followers = excluded.followers, raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE artists.raw_json IS NOT excluded.raw_json
            """, artist.Id, artist.Uri, artist.Name, JsonSerializer.Serialize(artist.Genres, VaultJson.Default.IReadOnlyListString),
            artist.Followers, artist.RawJson, _writer.Now);
        WriteImages(ImageOwner.Artist, artist.Id, artist.Images);
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
        var inserted = _writer.Execute("""
            INSERT INTO albums (id, uri, name, album_type, release_date, release_date_precision, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, album_type = coalesce(excluded.album_type, albums.album_type),
                release_date = coalesce(excluded.release_date, albums.release_date),
                release_date_precision = coalesce(excluded.release_date_precision, albums.release_date_precision)
            WHERE albums.name IS NOT excluded.name OR albums.release_date IS NOT coalesce(excluded.release_date, albums.release_date)
            """, album.Id, album.Uri, album.Name, album.AlbumType?.ToLowerInvariant(), album.ReleaseDate, album.ReleaseDatePrecision, _writer.Now);
        if (inserted > 0)
        {
            WriteAlbumArtists(album.Id, album.Artists);
        }
        WriteImages(ImageOwner.Album, album.Id, album.Images);
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
        _writer.Execute("""
            INSERT INTO albums (id, uri, name, album_type, release_date, release_date_precision, total_tracks, label, upc, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, album_type = excluded.album_type,
                release_date = excluded.release_date, release_date_precision = excluded.release_date_precision,
                total_tracks = excluded.total_tracks, label = excluded.label, upc = excluded.upc,
                raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE albums.raw_json IS NOT excluded.raw_json
            """, album.Id, album.Uri, album.Name, album.AlbumType?.ToLowerInvariant(), album.ReleaseDate, album.ReleaseDatePrecision,
            album.TotalTracks, album.Label, album.Upc, album.RawJson, _writer.Now);
        WriteAlbumArtists(album.Id, album.Artists);
        WriteImages(ImageOwner.Album, album.Id, album.Images);
    }

    private void WriteAlbumArtists(string albumId, IReadOnlyList<SpotifyArtistRef> artists)
    {
        _writer.Execute("DELETE FROM album_artists WHERE album_id = $1", albumId);
        var position = 0;
        foreach (var artist in artists)
        {
            if (artist.Id is not null)
            {
                _writer.Execute("INSERT OR IGNORE INTO album_artists (album_id, position, artist_id) VALUES ($1, $2, $3)", albumId, position++, artist.Id);
            }
        }
    }

    public void UpsertShowRef(SpotifyShowRef show)
    {
        if (show.Id is null || !_writtenThisRun.Add("show-ref:" + show.Id))
        {
            return;
        }
        _writer.Execute("""
            INSERT INTO shows (id, uri, name, publisher, first_seen_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, publisher = coalesce(excluded.publisher, shows.publisher)
            WHERE shows.name IS NOT excluded.name
            """, show.Id, show.Uri, show.Name, show.Publisher, _writer.Now);
    }

    public void UpsertShow(SpotifyShow show)
    {
        if (!_writtenThisRun.Add("show:" + show.Id))
        {
            return;
        }
        _writtenThisRun.Add("show-ref:" + show.Id);
        _writer.Execute("""
            INSERT INTO shows (id, uri, name, publisher, description, total_episodes, explicit, raw_json, first_seen_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
            ON CONFLICT (id) DO UPDATE SET uri = excluded.uri, name = excluded.name, publisher = excluded.publisher,
                description = excluded.description, total_episodes = excluded.total_episodes, explicit = excluded.explicit,
                raw_json = excluded.raw_json, updated_at = excluded.updated_at
            WHERE shows.raw_json IS NOT excluded.raw_json
            """, show.Id, show.Uri, show.Name, show.Publisher, show.Description, show.TotalEpisodes, show.Explicit ? 1 : 0,
            show.RawJson, _writer.Now);
        WriteImages(ImageOwner.Show, show.Id, show.Images);
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
            rawJson, _writer.Now, nowUnavailable ? _writer.Now : null,
        ];

        // Most items of a first sync are new: one INSERT settles them. Only a conflict needs the comparison below.
        var existed = _writer.Execute("""
            INSERT INTO tracks (uri, id, type, name, album_id, album_name, show_id, duration_ms, explicit, isrc, disc_number,
                track_number, release_date, is_playable, raw_json, first_seen_at, updated_at, unavailable_since)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)
            ON CONFLICT (uri) DO NOTHING
            """, values) == 0;
        var change = AvailabilityChange.None;
        if (existed)
        {
            bool? wasPlayable;
            string? unavailableSince;
            using (var reader = _writer.Query("SELECT is_playable, unavailable_since, raw_json = $2 FROM tracks WHERE uri = $1", item.Uri, rawJson))
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
                unavailableSince = _writer.Now;
            }
            else if (!nowUnavailable && unavailableSince is not null && wasPlayable == false)
            {
                change = AvailabilityChange.BecameAvailable;
                unavailableSince = null;
            }
            values[16] = unavailableSince;
            _writer.Execute("""
                UPDATE tracks SET id = $2, type = $3, name = $4, album_id = $5, album_name = $6, show_id = $7, duration_ms = $8,
                    explicit = $9, isrc = coalesce($10, isrc), disc_number = $11, track_number = $12, release_date = $13,
                    is_playable = $14, raw_json = $15, updated_at = $16, unavailable_since = $17
                WHERE uri = $1
                """, values);
            _writer.Execute("DELETE FROM track_artists WHERE track_uri = $1", item.Uri);
        }

        var position = 0;
        foreach (var artist in item.Artists)
        {
            _writer.Execute("INSERT INTO track_artists (track_uri, position, artist_id, artist_name) VALUES ($1, $2, $3, $4)",
                item.Uri, position++, artist.Id, artist.Name);
        }
        if (item.Id is not null)
        {
            WriteImages(type, item.Id, item.Images);
        }
        return change;
    }

    /// <summary>The one place images are stored (the entity tables keep none of their own).</summary>
    public void WriteImages(string ownerType, string ownerId, IReadOnlyList<SpotifyImage> images)
    {
        foreach (var image in images)
        {
            _writer.Execute("""
                INSERT INTO images (entity_type, entity_id, url, width, height) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (entity_type, entity_id, url) DO UPDATE SET width = excluded.width, height = excluded.height
                WHERE images.width IS NOT excluded.width OR images.height IS NOT excluded.height
                """, ownerType, ownerId, image.Url, image.Width, image.Height);
        }
    }
}

internal enum AvailabilityChange
{
    None,
    BecameUnavailable,
    BecameAvailable,
}

/// <summary>The entity_type values of the images table.</summary>
internal static class ImageOwner
{
    public const string Profile = "profile";
    public const string Artist = "artist";
    public const string Album = "album";
    public const string Show = "show";
    public const string Playlist = "playlist";
}
