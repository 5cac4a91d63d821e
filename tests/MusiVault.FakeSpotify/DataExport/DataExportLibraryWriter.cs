using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MusiVault.FakeSpotify.DataExport;

/// <summary>YourLibrary.json and Playlist1.json / Playlist2.json of a generated export.</summary>
internal static class DataExportLibraryWriter
{
    public static void Write(Random rng, DataExportCatalog catalog, DataExportSpec spec, DataExportManifest manifest, DataExportGenerator.ExportSink sink)
    {
        var library = Library(rng, catalog, manifest);
        var encoding = "utf-8";
        if (spec.OddEncodings)
        {
            library = [.. Encoding.UTF8.GetPreamble(), .. library];
            encoding = "utf-8-bom";
        }
        var records = manifest.LibraryItems.Values.Sum();
        sink.Add(manifest, $"{DataExportGenerator.AccountFolder}/YourLibrary.json", "library", library, records, encoding);

        var playlistNames = DataExportCatalog.AwkwardNames.Take(4).Concat(["Road trip", "Empty playlist", "Road trip"]).ToArray();
        var first = playlistNames[..4];
        var second = playlistNames[4..];
        sink.Add(manifest, $"{DataExportGenerator.AccountFolder}/Playlist1.json", "playlists", Playlists(rng, catalog, first, manifest), first.Length, "utf-8");
        sink.Add(manifest, $"{DataExportGenerator.AccountFolder}/Playlist2.json", "playlists", Playlists(rng, catalog, second, manifest), second.Length, "utf-8");
        manifest.Playlists = playlistNames.Length;
    }

    private static byte[] Library(Random rng, DataExportCatalog catalog, DataExportManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, DataExportGenerator.Indented))
        {
            w.WriteStartObject();
            var tracks = catalog.Tracks.Take(Math.Min(300, catalog.Tracks.Length)).ToArray();
            Section(w, manifest, "tracks", tracks, (t, i) =>
            {
                w.WriteString("artist", t.Artist);
                w.WriteString("album", t.Album);
                w.WriteString("track", t.Name);
                // Local files and withdrawn tracks come without a URI: kept by name.
                Uri(w, manifest, i % 100 == 7 ? null : t.Uri);
            });
            var albums = catalog.Tracks.Select(t => (t.Artist, t.Album)).Distinct().Take(50).ToArray();
            Section(w, manifest, "albums", albums, (a, i) =>
            {
                w.WriteString("artist", a.Artist);
                w.WriteString("album", a.Album);
                Uri(w, manifest, "spotify:album:" + DataExportCatalog.Id(rng));
            });
            Section(w, manifest, "shows", catalog.Shows.Take(5).ToArray(), (s, i) =>
            {
                w.WriteString("name", s);
                w.WriteString("publisher", i == 1 ? null : "Fake Publisher");
                Uri(w, manifest, "spotify:show:" + DataExportCatalog.Id(rng));
            });
            Section(w, manifest, "episodes", catalog.Episodes.Take(10).ToArray(), (e, i) =>
            {
                w.WriteString("name", e.Name);
                w.WriteString("show", e.Album);
                Uri(w, manifest, e.Uri);
            });
            var artists = catalog.Tracks.Select(t => t.Artist!).Distinct().Take(40).ToArray();
            Section(w, manifest, "artists", artists, (a, i) =>
            {
                w.WriteString("name", a);
                Uri(w, manifest, "spotify:artist:" + DataExportCatalog.Id(rng));
            });
            Section(w, manifest, "bannedTracks", catalog.Tracks.Skip(tracks.Length).Take(3).ToArray(), (t, i) =>
            {
                w.WriteString("artist", t.Artist);
                w.WriteString("album", t.Album);
                w.WriteString("track", t.Name);
                Uri(w, manifest, t.Uri);
            });
            Section(w, manifest, "bannedArtists", artists.Skip(1).Take(1).ToArray(), (a, i) =>
            {
                w.WriteString("name", a);
                Uri(w, manifest, "spotify:artist:" + DataExportCatalog.Id(rng));
            });
            w.WriteStartArray("other");
            w.WriteEndArray();
            manifest.LibraryItems["other"] = 0;
            // Fields a later export might add: a scalar and an object, both to be ignored.
            w.WriteNumber("exportVersion", 3);
            w.WriteStartObject("settings");
            w.WriteStartArray("tracks");
            w.WriteStartObject();
            w.WriteString("not", "a library item");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void Section<T>(Utf8JsonWriter w, DataExportManifest manifest, string name, T[] items, Action<T, int> writeFields)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < items.Length; i++)
        {
            w.WriteStartObject();
            writeFields(items[i], i);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        manifest.LibraryItems[name] = items.Length;
    }

    private static void Uri(Utf8JsonWriter w, DataExportManifest manifest, string? uri)
    {
        w.WriteString("uri", uri);
        if (uri is null)
        {
            manifest.LibraryItemsWithoutUri++;
        }
    }

    private static byte[] Playlists(Random rng, DataExportCatalog catalog, string[] names, DataExportManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, DataExportGenerator.Indented))
        {
            w.WriteStartObject();
            w.WriteStartArray("playlists");
            for (var p = 0; p < names.Length; p++)
            {
                w.WriteStartObject();
                w.WriteString("name", names[p]);
                w.WriteString("lastModifiedDate", DataExportSpec.End.AddDays(-p * 40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                w.WriteStartArray("collaborators");
                if (p == 1)
                {
                    w.WriteStringValue("friend_one");
                    w.WriteStringValue("zoë");
                }
                w.WriteEndArray();
                w.WriteString("description", p % 2 == 0 ? null : "<b>bold</b> &amp; \"quoted\"");
                w.WriteNumber("numberOfFollowers", p);
                w.WriteStartArray("items");
                var count = names[p] == "Empty playlist" ? 0 : 5 + rng.Next(40);
                for (var i = 0; i < count; i++)
                {
                    WriteItem(w, rng, catalog, i, manifest);
                }
                w.WriteEndArray();
                w.WriteEndObject();
                manifest.PlaylistItems += count;
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter w, Random rng, DataExportCatalog catalog, int index, DataExportManifest manifest)
    {
        w.WriteStartObject();
        var kind = index % 10;
        if (kind is < 7)
        {
            var t = catalog.Tracks[catalog.PickTrack(rng)];
            w.WriteStartObject("track");
            w.WriteString("trackName", t.Name);
            w.WriteString("artistName", t.Artist);
            w.WriteString("albumName", t.Album);
            w.WriteString("trackUri", kind == 6 ? null : t.Uri);
            w.WriteEndObject();
            manifest.PlaylistItemsWithoutUri += kind == 6 ? 1 : 0;
        }
        else
        {
            w.WriteNull("track");
        }
        if (kind is 7 or 8)
        {
            var e = catalog.Episodes[rng.Next(catalog.Episodes.Length)];
            w.WriteStartObject("episode");
            w.WriteString("episodeName", e.Name);
            w.WriteString("showName", e.Album);
            w.WriteString("episodeUri", e.Uri);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("episode");
        }
        w.WriteNull("audiobook");
        if (kind == 9)
        {
            w.WriteStartObject("localTrack");
            w.WriteString("uri", "spotify:local:Some+Artist:Some+Album:Local+Song+" + index + ":215");
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("localTrack");
        }
        w.WriteString("addedDate", DataExportSpec.End.AddDays(-rng.Next(3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }
}
