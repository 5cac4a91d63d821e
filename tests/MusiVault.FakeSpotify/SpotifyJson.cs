using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>
/// Writes the Web API's JSON objects. 2026 Development-Mode shapes by default (no popularity, available_markets,
/// followers or genres; playlists carry items/item); the legacy shapes with <see cref="Legacy"/>.
/// </summary>
internal sealed class SpotifyJson(string root, bool legacy, bool market, bool imagesOnFake)
{
    /// <summary>
    /// Entity hrefs use Spotify's own host, as in real responses: stored JSON then does not depend on the fake's random
    /// port (two fakes with one seed give identical entities). Only paging links, which clients follow, point at the fake.
    /// </summary>
    public const string CanonicalApi = "https://api.spotify.com/v1";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        // Spotify sends raw UTF-8 (no \u escapes for non-ASCII); stay close to that.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Root { get; } = root;
    public string Api => CanonicalApi;

    /// <summary>Base of followable paging links (next/previous/href of paging objects).</summary>
    public string PageApi { get; } = root + "/v1";
    public bool Legacy { get; } = legacy;

    /// <summary>A market was passed: is_playable is reported for every track (otherwise only for unavailable ones).</summary>
    public bool Market { get; } = market;

    public string ImageUrl(FakeImage image) =>
        imagesOnFake ? $"{Root}/_img/{image.Key}.jpg" : "https://i.scdn.co/image/" + image.CdnId;

    public static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string TimestampMs(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public void ExternalUrls(Utf8JsonWriter w, string? kind, string? id)
    {
        w.WriteStartObject("external_urls");
        if (kind is not null && id is not null)
        {
            w.WriteString("spotify", $"https://open.spotify.com/{kind}/{id}");
        }

        w.WriteEndObject();
    }

    public void Images(Utf8JsonWriter w, IEnumerable<FakeImage> images, string name = "images")
    {
        w.WriteStartArray(name);
        foreach (var image in images)
        {
            Image(w, image);
        }

        w.WriteEndArray();
    }

    public void Image(Utf8JsonWriter w, FakeImage image)
    {
        w.WriteStartObject();
        w.WriteString("url", ImageUrl(image));
        WriteNullableInt(w, "height", image.Height);
        WriteNullableInt(w, "width", image.Width);
        w.WriteEndObject();
    }

    private static void WriteNullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private void Markets(Utf8JsonWriter w)
    {
        if (Legacy)
        {
            w.WriteStartArray("available_markets");
            w.WriteStringValue("SE");
            w.WriteStringValue("US");
            w.WriteStringValue("JP");
            w.WriteEndArray();
        }
    }

    public void PrivateUser(Utf8JsonWriter w, FakeLibrary lib)
    {
        var me = lib.Me;
        w.WriteStartObject();
        if (Legacy)
        {
            w.WriteString("country", lib.Country);
        }

        w.WriteString("display_name", me.DisplayName);
        if (Legacy)
        {
            w.WriteString("email", lib.Email);
            w.WriteStartObject("explicit_content");
            w.WriteBoolean("filter_enabled", false);
            w.WriteBoolean("filter_locked", false);
            w.WriteEndObject();
        }

        ExternalUrls(w, "user", me.Id);
        if (Legacy)
        {
            Followers(w, me.Followers);
        }

        w.WriteString("href", $"{Api}/users/{me.Id}");
        w.WriteString("id", me.Id);
        Images(w, me.Images);
        if (Legacy)
        {
            w.WriteString("product", lib.Product);
        }

        w.WriteString("type", "user");
        w.WriteString("uri", me.Uri);
        w.WriteEndObject();
    }

    private static void Followers(Utf8JsonWriter w, int total)
    {
        w.WriteStartObject("followers");
        w.WriteNull("href");
        w.WriteNumber("total", total);
        w.WriteEndObject();
    }

    /// <summary>PlaylistUserObject / PlaylistOwnerObject.</summary>
    public void PlaylistUser(Utf8JsonWriter w, string? name, FakeUser? user, bool withDisplayName)
    {
        if (user is null)
        {
            if (name is null)
            {
                w.WriteNullValue();
            }
            else
            {
                w.WriteNull(name);
            }

            return;
        }

        Start(w, name);
        if (withDisplayName)
        {
            w.WriteString("display_name", user.DisplayName);
        }

        w.WriteStartObject("external_urls");
        w.WriteString("spotify", $"https://open.spotify.com/user/{user.Id}");
        w.WriteEndObject();
        w.WriteString("href", $"{Api}/users/{user.Id}");
        w.WriteString("id", user.Id);
        w.WriteString("type", "user");
        w.WriteString("uri", user.Uri);
        w.WriteEndObject();
    }

    public void SimplifiedArtist(Utf8JsonWriter w, FakeArtist a)
    {
        w.WriteStartObject();
        ExternalUrls(w, "artist", a.Id);
        w.WriteString("href", $"{Api}/artists/{a.Id}");
        w.WriteString("id", a.Id);
        w.WriteString("name", a.Name);
        w.WriteString("type", "artist");
        w.WriteString("uri", a.Uri);
        w.WriteEndObject();
    }

    public void Artist(Utf8JsonWriter w, FakeArtist a)
    {
        w.WriteStartObject();
        ExternalUrls(w, "artist", a.Id);
        if (Legacy)
        {
            Followers(w, a.Followers);
            w.WriteStartArray("genres");
            foreach (var g in a.Genres)
            {
                w.WriteStringValue(g);
            }

            w.WriteEndArray();
        }

        w.WriteString("href", $"{Api}/artists/{a.Id}");
        w.WriteString("id", a.Id);
        Images(w, a.Images);
        w.WriteString("name", a.Name);
        if (Legacy)
        {
            w.WriteNumber("popularity", a.Popularity);
        }

        w.WriteString("type", "artist");
        w.WriteString("uri", a.Uri);
        w.WriteEndObject();
    }

    /// <summary>SimplifiedAlbumObject as embedded in a track.</summary>
    public void SimplifiedAlbum(Utf8JsonWriter w, FakeAlbum album, string? name = "album")
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }

        w.WriteString("album_type", album.AlbumType);
        w.WriteNumber("total_tracks", album.Tracks.Count);
        Markets(w);
        ExternalUrls(w, "album", album.Id);
        w.WriteString("href", $"{Api}/albums/{album.Id}");
        w.WriteString("id", album.Id);
        Images(w, album.Images);
        w.WriteString("name", album.Name);
        w.WriteString("release_date", album.ReleaseDate);
        w.WriteString("release_date_precision", album.ReleaseDatePrecision);
        w.WriteString("type", "album");
        w.WriteString("uri", album.Uri);
        w.WriteStartArray("artists");
        foreach (var a in album.Artists)
        {
            SimplifiedArtist(w, a);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>AlbumObject (saved albums): the simplified fields plus copyrights, label, and the first page of tracks.</summary>
    public void FullAlbum(Utf8JsonWriter w, FakeAlbum album)
    {
        w.WriteStartObject();
        w.WriteString("album_type", album.AlbumType);
        w.WriteNumber("total_tracks", album.Tracks.Count);
        Markets(w);
        ExternalUrls(w, "album", album.Id);
        w.WriteString("href", $"{Api}/albums/{album.Id}");
        w.WriteString("id", album.Id);
        Images(w, album.Images);
        w.WriteString("name", album.Name);
        w.WriteString("release_date", album.ReleaseDate);
        w.WriteString("release_date_precision", album.ReleaseDatePrecision);
        w.WriteString("type", "album");
        w.WriteString("uri", album.Uri);
        w.WriteStartArray("artists");
        foreach (var a in album.Artists)
        {
            SimplifiedArtist(w, a);
        }

        w.WriteEndArray();
        w.WriteStartArray("copyrights");
        w.WriteStartObject();
        w.WriteString("text", $"(C) {album.ReleaseDate[..4]} {album.Label}");
        w.WriteString("type", "C");
        w.WriteEndObject();
        w.WriteEndArray();
        if (Legacy)
        {
            w.WriteStartObject("external_ids");
            w.WriteString("upc", album.Upc);
            w.WriteEndObject();
            w.WriteStartArray("genres");
            w.WriteEndArray();
            w.WriteString("label", album.Label);
            w.WriteNumber("popularity", album.Popularity);
        }

        var limit = 50;
        w.WriteStartObject("tracks");
        w.WriteString("href", $"{PageApi}/albums/{album.Id}/tracks?offset=0&limit={limit}");
        w.WriteNumber("limit", limit);
        if (album.Tracks.Count > limit)
        {
            w.WriteString("next", $"{PageApi}/albums/{album.Id}/tracks?offset={limit}&limit={limit}");
        }
        else
        {
            w.WriteNull("next");
        }

        w.WriteNumber("offset", 0);
        w.WriteNull("previous");
        w.WriteNumber("total", album.Tracks.Count);
        w.WriteStartArray("items");
        foreach (var t in album.Tracks.Take(limit))
        {
            SimplifiedTrack(w, t);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private void SimplifiedTrack(Utf8JsonWriter w, FakeTrack t)
    {
        w.WriteStartObject();
        w.WriteStartArray("artists");
        foreach (var a in t.Artists)
        {
            SimplifiedArtist(w, a);
        }

        w.WriteEndArray();
        Markets(w);
        w.WriteNumber("disc_number", t.DiscNumber);
        w.WriteNumber("duration_ms", t.DurationMs);
        w.WriteBoolean("explicit", t.Explicit);
        ExternalUrls(w, "track", t.Id);
        w.WriteString("href", $"{Api}/tracks/{t.Id}");
        w.WriteString("id", t.Id);
        if (Market || !t.IsPlayable)
        {
            w.WriteBoolean("is_playable", t.IsPlayable);
        }

        w.WriteString("name", t.Name);
        if (Legacy)
        {
            w.WriteNull("preview_url");
        }

        w.WriteNumber("track_number", t.TrackNumber);
        w.WriteString("type", "track");
        w.WriteString("uri", t.Uri);
        w.WriteBoolean("is_local", false);
        w.WriteEndObject();
    }

    /// <summary>
    /// A TrackObject or EpisodeObject. <paramref name="inPlaylist"/> adds the "episode"/"track" flags playlist entries carry;
    /// <paramref name="episodesAsEpisodes"/> false renders episodes in the track shape, as the API does without
    /// additional_types=episode.
    /// </summary>
    public void Playable(Utf8JsonWriter w, string? name, FakePlayable? p, bool inPlaylist = false, bool episodesAsEpisodes = true)
    {
        switch (p)
        {
            case null:
                if (name is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteNull(name);
                }

                break;
            case FakeTrack { IsLocal: true } local:
                LocalTrack(w, name, local);
                break;
            case FakeTrack t:
                Track(w, name, t, inPlaylist);
                break;
            case FakeEpisode e when episodesAsEpisodes:
                Episode(w, name, e, inPlaylist);
                break;
            case FakeEpisode e:
                EpisodeAsTrack(w, name, e);
                break;
            default:
                throw new InvalidOperationException("Unknown playable.");
        }
    }

    private static void Start(Utf8JsonWriter w, string? name)
    {
        if (name is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(name);
        }
    }

    public void Track(Utf8JsonWriter w, string? name, FakeTrack t, bool inPlaylist = false)
    {
        Start(w, name);
        SimplifiedAlbum(w, t.Album!);
        w.WriteStartArray("artists");
        foreach (var a in t.Artists)
        {
            SimplifiedArtist(w, a);
        }

        w.WriteEndArray();
        Markets(w);
        w.WriteNumber("disc_number", t.DiscNumber);
        w.WriteNumber("duration_ms", t.DurationMs);
        w.WriteBoolean("explicit", t.Explicit);
        w.WriteStartObject("external_ids");
        w.WriteString("isrc", t.Isrc);
        w.WriteEndObject();
        ExternalUrls(w, "track", t.Id);
        w.WriteString("href", $"{Api}/tracks/{t.Id}");
        w.WriteString("id", t.Id);
        if (Market || !t.IsPlayable)
        {
            w.WriteBoolean("is_playable", t.IsPlayable);
            if (!t.IsPlayable)
            {
                w.WriteStartObject("restrictions");
                w.WriteString("reason", "market");
                w.WriteEndObject();
            }
        }

        w.WriteString("name", t.Name);
        if (Legacy)
        {
            w.WriteNumber("popularity", t.Popularity);
            w.WriteNull("preview_url");
        }

        w.WriteNumber("track_number", t.TrackNumber);
        w.WriteString("type", "track");
        w.WriteString("uri", t.Uri);
        w.WriteBoolean("is_local", false);
        if (inPlaylist)
        {
            w.WriteBoolean("episode", false);
            w.WriteBoolean("track", true);
        }

        w.WriteEndObject();
    }

    /// <summary>Local files: ids, hrefs and album/artist URIs are null; the URI is spotify:local:artist:album:title:seconds.</summary>
    private void LocalTrack(Utf8JsonWriter w, string? name, FakeTrack t)
    {
        Start(w, name);
        w.WriteStartObject("album");
        w.WriteNull("album_type");
        w.WriteStartArray("artists");
        w.WriteEndArray();
        Markets(w);
        w.WriteStartObject("external_urls");
        w.WriteEndObject();
        w.WriteNull("href");
        w.WriteNull("id");
        w.WriteStartArray("images");
        w.WriteEndArray();
        w.WriteString("name", t.LocalAlbumName);
        w.WriteNull("release_date");
        w.WriteNull("release_date_precision");
        w.WriteString("type", "album");
        w.WriteNull("uri");
        w.WriteEndObject();
        w.WriteStartArray("artists");
        w.WriteStartObject();
        w.WriteStartObject("external_urls");
        w.WriteEndObject();
        w.WriteNull("href");
        w.WriteNull("id");
        w.WriteString("name", t.LocalArtistName);
        w.WriteString("type", "artist");
        w.WriteNull("uri");
        w.WriteEndObject();
        w.WriteEndArray();
        Markets(w);
        w.WriteNumber("disc_number", 0);
        w.WriteNumber("duration_ms", t.DurationMs);
        w.WriteBoolean("explicit", false);
        w.WriteStartObject("external_ids");
        w.WriteEndObject();
        w.WriteStartObject("external_urls");
        w.WriteEndObject();
        w.WriteNull("href");
        w.WriteNull("id");
        w.WriteBoolean("is_local", true);
        w.WriteString("name", t.Name);
        if (Legacy)
        {
            w.WriteNumber("popularity", 0);
            w.WriteNull("preview_url");
        }

        w.WriteNumber("track_number", 0);
        w.WriteString("type", "track");
        w.WriteString("uri", t.Uri);
        w.WriteEndObject();
    }

    public void SimplifiedShow(Utf8JsonWriter w, string? name, FakeShow s)
    {
        Start(w, name);
        Markets(w);
        w.WriteStartArray("copyrights");
        w.WriteEndArray();
        w.WriteString("description", s.Description);
        w.WriteString("html_description", "<p>" + System.Net.WebUtility.HtmlEncode(s.Description) + "</p>");
        w.WriteBoolean("explicit", s.Explicit);
        ExternalUrls(w, "show", s.Id);
        w.WriteString("href", $"{Api}/shows/{s.Id}");
        w.WriteString("id", s.Id);
        Images(w, s.Images);
        w.WriteBoolean("is_externally_hosted", false);
        w.WriteStartArray("languages");
        w.WriteStringValue("en");
        w.WriteEndArray();
        w.WriteString("media_type", s.MediaType);
        w.WriteString("name", s.Name);
        w.WriteString("publisher", s.Publisher);
        w.WriteString("type", "show");
        w.WriteString("uri", s.Uri);
        w.WriteNumber("total_episodes", s.Episodes.Count);
        w.WriteEndObject();
    }

    public void Episode(Utf8JsonWriter w, string? name, FakeEpisode e, bool inPlaylist = false)
    {
        Start(w, name);
        if (Legacy)
        {
            w.WriteNull("audio_preview_url");
        }

        w.WriteString("description", e.Description);
        w.WriteString("html_description", "<p>" + System.Net.WebUtility.HtmlEncode(e.Description) + "</p>");
        w.WriteNumber("duration_ms", e.DurationMs);
        w.WriteBoolean("explicit", e.Explicit);
        ExternalUrls(w, "episode", e.Id);
        w.WriteString("href", $"{Api}/episodes/{e.Id}");
        w.WriteString("id", e.Id);
        Images(w, e.Images);
        w.WriteBoolean("is_externally_hosted", false);
        w.WriteBoolean("is_playable", e.IsPlayable);
        if (Legacy)
        {
            w.WriteString("language", "en");
        }

        w.WriteStartArray("languages");
        w.WriteStringValue("en");
        w.WriteEndArray();
        w.WriteString("name", e.Name);
        w.WriteString("release_date", e.ReleaseDate);
        w.WriteString("release_date_precision", "day");
        w.WriteStartObject("resume_point");
        w.WriteBoolean("fully_played", false);
        w.WriteNumber("resume_position_ms", 0);
        w.WriteEndObject();
        w.WriteString("type", "episode");
        w.WriteString("uri", e.Uri);
        SimplifiedShow(w, "show", e.Show);
        if (inPlaylist)
        {
            w.WriteBoolean("episode", true);
            w.WriteBoolean("track", false);
        }

        w.WriteEndObject();
    }

    /// <summary>What the API sends for an episode in a playlist when the client did not ask for episodes (rspotify #525).</summary>
    private void EpisodeAsTrack(Utf8JsonWriter w, string? name, FakeEpisode e)
    {
        Start(w, name);
        Markets(w);
        w.WriteBoolean("explicit", e.Explicit);
        w.WriteString("type", "episode");
        w.WriteBoolean("episode", false);
        w.WriteBoolean("track", true);
        w.WriteStartObject("album");
        Markets(w);
        w.WriteString("type", "show");
        w.WriteString("album_type", "compilation");
        w.WriteString("href", $"{Api}/shows/{e.Show.Id}");
        w.WriteString("id", e.Show.Id);
        Images(w, e.Show.Images.TakeLast(1));
        w.WriteString("name", e.Show.Name);
        w.WriteNull("release_date");
        w.WriteNull("release_date_precision");
        w.WriteString("uri", e.Show.Uri);
        ShowAsArtists(w, e.Show);
        ExternalUrls(w, "album", e.Show.Id);
        w.WriteNumber("total_tracks", 1);
        w.WriteEndObject();
        ShowAsArtists(w, e.Show);
        w.WriteNumber("disc_number", 0);
        w.WriteNumber("track_number", 0);
        w.WriteNumber("duration_ms", e.DurationMs);
        w.WriteStartObject("external_ids");
        w.WriteString("spotify", $"https://open.spotify.com/episode/{e.Id}");
        w.WriteEndObject();
        ExternalUrls(w, "episode", e.Id);
        w.WriteString("href", $"{Api}/episodes/{e.Id}");
        w.WriteString("id", e.Id);
        w.WriteString("name", e.Name);
        if (Legacy)
        {
            w.WriteNumber("popularity", 0);
        }

        w.WriteString("uri", e.Uri);
        w.WriteBoolean("is_local", false);
        w.WriteEndObject();
    }

    private void ShowAsArtists(Utf8JsonWriter w, FakeShow s)
    {
        w.WriteStartArray("artists");
        w.WriteStartObject();
        ExternalUrls(w, "show", s.Id);
        w.WriteString("href", $"{Api}/shows/{s.Id}");
        w.WriteString("id", s.Id);
        w.WriteNull("name");
        w.WriteString("type", s.Name);
        w.WriteString("uri", s.Uri);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>PlaylistTrackObject: "item" in 2026, "track" in legacy shapes. Unavailable items come back null.</summary>
    public void PlaylistEntry(Utf8JsonWriter w, FakePlaylistEntry entry, bool episodesAsEpisodes)
    {
        w.WriteStartObject();
        if (entry.AddedAt is { } at)
        {
            w.WriteString("added_at", Timestamp(at));
        }
        else
        {
            w.WriteNull("added_at");
        }

        PlaylistUser(w, "added_by", entry.AddedBy, withDisplayName: false);
        w.WriteBoolean("is_local", entry.IsLocal);
        w.WriteNull("primary_color");
        var item = entry.Item is { IsPlayable: false } ? null : entry.Item;
        Playable(w, Legacy ? "track" : "item", item, inPlaylist: true, episodesAsEpisodes);
        w.WriteStartObject("video_thumbnail");
        w.WriteNull("url");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The start of a playlist object shared by the simplified and full shapes (everything but the entries).</summary>
    private void PlaylistHead(Utf8JsonWriter w, FakePlaylist p)
    {
        w.WriteBoolean("collaborative", p.Collaborative);
        w.WriteString("description", p.Description);
        ExternalUrls(w, "playlist", p.Id);
        w.WriteString("href", $"{Api}/playlists/{p.Id}");
        w.WriteString("id", p.Id);
        Images(w, p.Images);
        w.WriteString("name", p.Name);
        PlaylistUser(w, "owner", p.Owner, withDisplayName: true);
        w.WriteString("primary_color", p.PrimaryColor);
        if (p.Public is { } pub)
        {
            w.WriteBoolean("public", pub);
        }
        else
        {
            w.WriteNull("public");
        }

        w.WriteString("snapshot_id", p.SnapshotId);
    }

    public string ItemsPath(FakePlaylist p, bool page = false) => $"{(page ? PageApi : Api)}/playlists/{p.Id}/{(Legacy ? "tracks" : "items")}";

    public void SimplifiedPlaylist(Utf8JsonWriter w, FakePlaylist p)
    {
        w.WriteStartObject();
        PlaylistHead(w, p);
        w.WriteStartObject(Legacy ? "tracks" : "items");
        w.WriteString("href", ItemsPath(p));
        w.WriteNumber("total", p.Entries.Count);
        w.WriteEndObject();
        w.WriteString("type", "playlist");
        w.WriteString("uri", p.Uri);
        w.WriteEndObject();
    }

    /// <summary>PlaylistObject with the first page of entries; <paramref name="withEntries"/> false omits them (not the user's playlist in 2026 mode).</summary>
    public void FullPlaylist(Utf8JsonWriter w, FakePlaylist p, bool withEntries, bool episodesAsEpisodes)
    {
        w.WriteStartObject();
        PlaylistHead(w, p);
        Followers(w, p.Followers);
        if (withEntries)
        {
            // The embedded page's next link must be followable: /items takes at most 50, legacy /tracks 100.
            var limit = Legacy ? 100 : 50;
            w.WriteStartObject(Legacy ? "tracks" : "items");
            var path = ItemsPath(p, page: true);
            w.WriteString("href", $"{path}?offset=0&limit={limit}");
            w.WriteNumber("limit", limit);
            if (p.Entries.Count > limit)
            {
                w.WriteString("next", $"{path}?offset={limit}&limit={limit}");
            }
            else
            {
                w.WriteNull("next");
            }

            w.WriteNumber("offset", 0);
            w.WriteNull("previous");
            w.WriteNumber("total", p.Entries.Count);
            w.WriteStartArray("items");
            foreach (var e in p.Entries.Take(limit))
            {
                PlaylistEntry(w, e, episodesAsEpisodes);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteString("type", "playlist");
        w.WriteString("uri", p.Uri);
        w.WriteEndObject();
    }
}
