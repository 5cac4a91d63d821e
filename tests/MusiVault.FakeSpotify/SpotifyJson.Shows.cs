using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>Show and episode objects, and episodes in the track shape.</summary>
internal sealed partial class SpotifyJson
{
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
}
