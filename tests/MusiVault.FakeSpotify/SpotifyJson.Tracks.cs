using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>Track objects, playables (track or episode), and local files.</summary>
internal sealed partial class SpotifyJson
{
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
}
