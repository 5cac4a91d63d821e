using System.Text.Json;

namespace MusiVault.Engine.Import;

/// <summary>Reads YourLibrary.json's sections and the playlists of PlaylistN.json.</summary>
internal sealed class ExportLibraryParser(List<ExportLibraryItem> libraryItems, List<ExportPlaylist> playlists)
{
    public bool ReadLibraryItem(string? section, ref Utf8JsonReader r)
    {
        if (!ReadNamedObject(ref r, out var names))
        {
            return false;
        }
        var kind = section switch
        {
            "tracks" => ExportLibrarySection.Track,
            "albums" => ExportLibrarySection.Album,
            "artists" => ExportLibrarySection.Artist,
            "shows" => ExportLibrarySection.Show,
            "episodes" => ExportLibrarySection.Episode,
            "bannedTracks" => ExportLibrarySection.BannedTrack,
            "bannedArtists" => ExportLibrarySection.BannedArtist,
            _ => ExportLibrarySection.Other,
        };
        libraryItems.Add(new ExportLibraryItem
        {
            Section = kind,
            SectionName = section ?? string.Empty,
            Name = kind == ExportLibrarySection.Album ? names.Album ?? names.Name : names.Name ?? names.Album,
            ArtistName = names.Artist,
            AlbumName = names.Album,
            ShowOrPublisher = names.Show,
            Uri = names.Uri,
        });
        return true;
    }

    public bool ReadPlaylist(string? section, ref Utf8JsonReader r)
    {
        if (section != "playlists")
        {
            return r.TrySkip();
        }
        string? name = null, description = null;
        DateOnly? lastModified = null;
        long? followers = null;
        var collaborators = new List<string>();
        var items = new List<ExportPlaylistItem>();
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            if (r.ValueTextEquals("items"u8))
            {
                if (!r.Read() || !ReadItems(ref r, items))
                {
                    return false;
                }
                continue;
            }
            if (r.ValueTextEquals("collaborators"u8))
            {
                if (!r.Read() || !ReadStrings(ref r, collaborators))
                {
                    return false;
                }
                continue;
            }
            var field = r;
            if (!r.Read() || !JsonValue.SkipValue(ref r))
            {
                return false;
            }
            if (field.ValueTextEquals("name"u8))
            {
                name = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("lastModifiedDate"u8))
            {
                lastModified = JsonValue.Date(ref r);
            }
            else if (field.ValueTextEquals("description"u8))
            {
                description = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("numberOfFollowers"u8))
            {
                followers = JsonValue.Long(ref r);
            }
        }
        playlists.Add(new ExportPlaylist
        {
            Name = name ?? string.Empty,
            LastModifiedDate = lastModified,
            Description = description,
            NumberOfFollowers = followers is >= 0 and <= int.MaxValue ? (int)followers : null,
            Collaborators = collaborators,
            Items = items,
        });
        return true;
    }

    private static bool ReadItems(ref Utf8JsonReader r, List<ExportPlaylistItem> items)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return JsonValue.SkipValue(ref r);
        }
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            if (r.TokenType != JsonTokenType.StartObject)
            {
                if (!JsonValue.SkipValue(ref r))
                {
                    return false;
                }
                continue;
            }
            if (!ReadItem(ref r, out var item))
            {
                return false;
            }
            items.Add(item);
        }
    }

    private static bool ReadItem(ref Utf8JsonReader r, out ExportPlaylistItem item)
    {
        item = null!;
        var kind = ExportPlaylistItemKind.Unknown;
        Names names = default;
        DateOnly? added = null;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndObject)
            {
                break;
            }
            var itemKind = r.ValueTextEquals("track"u8) ? ExportPlaylistItemKind.Track
                : r.ValueTextEquals("episode"u8) ? ExportPlaylistItemKind.Episode
                : r.ValueTextEquals("audiobook"u8) ? ExportPlaylistItemKind.Audiobook
                : r.ValueTextEquals("localTrack"u8) ? ExportPlaylistItemKind.LocalTrack
                : ExportPlaylistItemKind.Unknown;
            var isAdded = r.ValueTextEquals("addedDate"u8);
            if (!r.Read())
            {
                return false;
            }
            if (itemKind != ExportPlaylistItemKind.Unknown && r.TokenType == JsonTokenType.StartObject)
            {
                if (!ReadNamedObject(ref r, out var found))
                {
                    return false;
                }
                if (kind == ExportPlaylistItemKind.Unknown)
                {
                    (kind, names) = (itemKind, found);
                }
                continue;
            }
            if (!JsonValue.SkipValue(ref r))
            {
                return false;
            }
            if (isAdded)
            {
                added = JsonValue.Date(ref r);
            }
        }
        item = new ExportPlaylistItem
        {
            Kind = kind,
            Name = names.Name,
            ArtistName = names.Artist,
            AlbumName = names.Album,
            ShowName = names.Show,
            Uri = names.Uri,
            AddedDate = added,
        };
        return true;
    }

    private static bool ReadStrings(ref Utf8JsonReader r, List<string> values)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            return JsonValue.SkipValue(ref r);
        }
        var start = values.Count;
        while (true)
        {
            if (!r.Read())
            {
                values.RemoveRange(start, values.Count - start);
                return false;
            }
            if (r.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }
            if (!JsonValue.SkipValue(ref r))
            {
                values.RemoveRange(start, values.Count - start);
                return false;
            }
            if (JsonValue.String(ref r) is { } value)
            {
                values.Add(value);
            }
        }
    }

    /// <summary>The names and URI of an item object, whichever of the export's spellings it uses.</summary>
    private static bool ReadNamedObject(ref Utf8JsonReader r, out Names names)
    {
        names = default;
        while (true)
        {
            if (!r.Read())
            {
                return false;
            }
            if (r.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }
            var field = r;
            if (!r.Read() || !JsonValue.SkipValue(ref r))
            {
                return false;
            }
            if (field.ValueTextEquals("trackName"u8) || field.ValueTextEquals("track"u8) || field.ValueTextEquals("episodeName"u8)
                || field.ValueTextEquals("name"u8) || field.ValueTextEquals("audiobookName"u8) || field.ValueTextEquals("title"u8))
            {
                names.Name ??= JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("artistName"u8) || field.ValueTextEquals("artist"u8))
            {
                names.Artist = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("albumName"u8) || field.ValueTextEquals("album"u8))
            {
                names.Album = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("showName"u8) || field.ValueTextEquals("show"u8) || field.ValueTextEquals("publisher"u8))
            {
                names.Show = JsonValue.String(ref r);
            }
            else if (field.ValueTextEquals("uri"u8) || field.ValueTextEquals("trackUri"u8) || field.ValueTextEquals("episodeUri"u8)
                || field.ValueTextEquals("audiobookUri"u8))
            {
                names.Uri ??= JsonValue.String(ref r);
            }
        }
    }

    private struct Names
    {
        public string? Name;
        public string? Artist;
        public string? Album;
        public string? Show;
        public string? Uri;
    }
}
