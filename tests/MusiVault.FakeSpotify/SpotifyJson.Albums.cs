using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>Album objects: simplified (in tracks), full (saved albums) with their first page of tracks.</summary>
internal sealed partial class SpotifyJson
{
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
}
