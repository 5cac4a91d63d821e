using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.FakeSpotify;

/// <summary>Playlist objects and their entries.</summary>
internal sealed partial class SpotifyJson
{
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
