using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusiVault.Engine.Export;

/// <summary>
/// The playlist in Spotify's own 2026 shape: the playlist object with an "items" paging object whose entries carry
/// added_at, added_by, is_local and item. What the vault keeps as Spotify's JSON is copied byte for byte
/// (WriteRawValue after a validating read), never re-serialised: the playlist's members except its old "tracks" /
/// "items" and the name and description the export states, and each item. An item without stored JSON is built
/// from the typed fields, with only what the vault knows. Streaming puts the page's counts after its "items" array
/// (members are unordered in JSON). MusiVault's additions sit under "musivault" members: the export's source and
/// date at the top, per entry whether the item is no longer available and when it was removed.
/// </summary>
internal sealed class JsonPlaylistWriter : ExportFormatWriter
{
    private readonly Utf8JsonWriter json;
    private long count;

    public JsonPlaylistWriter(Stream sink)
        : base(sink)
    {
        json = new Utf8JsonWriter(sink, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public override void WriteStart(ExportPlaylist playlist)
    {
        ArgumentNullException.ThrowIfNull(playlist);
        ThrowIfDisposed();
        json.WriteStartObject();
        var copied = playlist.RawJson is { } raw && CopyPlaylistMembers(raw);
        if (!copied)
        {
            WriteStringOrSkip("id", playlist.Id);
            WriteStringOrSkip("uri", playlist.Uri);
            if (playlist.OwnerId is not null || playlist.OwnerName is not null)
            {
                json.WriteStartObject("owner");
                WriteStringOrSkip("id", playlist.OwnerId);
                WriteStringOrSkip("display_name", playlist.OwnerName);
                json.WriteString("type", "user");
                WriteStringOrSkip("uri", ExportText.UserUri(playlist.OwnerId));
                json.WriteEndObject();
            }
        }
        json.WriteString("name", ExportText.Clean(playlist.Name));
        if (playlist.Description is null)
        {
            json.WriteNull("description");
        }
        else
        {
            json.WriteString("description", ExportText.Clean(playlist.Description));
        }
        json.WriteStartObject("musivault");
        json.WriteString("source", ExportText.Clean(playlist.Source));
        WriteDateOrSkip("as_of", playlist.AsOf);
        WriteDateOrSkip("exported_at", playlist.ExportedAt);
        json.WriteEndObject();
        json.WriteStartObject("items");
        json.WriteStartArray("items");
    }

    public override void WriteEntry(ExportEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ThrowIfDisposed();
        json.WriteStartObject();
        WriteDateOrNull("added_at", entry.AddedAt);
        if (string.IsNullOrEmpty(entry.AddedBy))
        {
            json.WriteNull("added_by");
        }
        else
        {
            json.WriteStartObject("added_by");
            json.WriteString("id", ExportText.Clean(entry.AddedBy));
            json.WriteString("type", "user");
            json.WriteString("uri", ExportText.Clean(ExportText.UserUri(entry.AddedBy)));
            json.WriteEndObject();
        }
        json.WriteBoolean("is_local", entry.IsLocal);
        json.WritePropertyName("item");
        if (!TryWriteRawObject(entry.RawJson))
        {
            WriteBuiltItem(entry);
        }
        if (!entry.IsAvailable || entry.RemovedAt is not null)
        {
            json.WriteStartObject("musivault");
            if (!entry.IsAvailable)
            {
                json.WriteBoolean("is_available", false);
            }
            WriteDateOrSkip("removed_at", entry.RemovedAt);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        count++;
    }

    public override void WriteEnd()
    {
        ThrowIfDisposed();
        json.WriteEndArray();
        json.WriteNull("href");
        json.WriteNumber("limit", count);
        json.WriteNull("next");
        json.WriteNumber("offset", 0);
        json.WriteNull("previous");
        json.WriteNumber("total", count);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public override void Flush() => json.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            json.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>A stored JSON text that is one well-formed object; anything else is not copied.</summary>
    internal static bool IsJsonObject(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private bool CopyPlaylistMembers(string raw)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(raw);
        }
        catch (JsonException)
        {
            return false;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Name is "items" or "tracks" or "name" or "description" or "musivault")
                {
                    continue;
                }
                json.WritePropertyName(member.Name);
                json.WriteRawValue(member.Value.GetRawText(), skipInputValidation: true);
            }
        }
        return true;
    }

    private bool TryWriteRawObject(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return false;
        }
        var utf8 = Encoding.UTF8.GetBytes(raw);
        if (!IsJsonObject(utf8))
        {
            return false;
        }
        json.WriteRawValue(utf8, skipInputValidation: true);
        return true;
    }

    private void WriteBuiltItem(ExportEntry entry)
    {
        if (entry.Kind == ExportItemKind.Unknown && entry.Uri is null && entry.Name is null)
        {
            json.WriteNullValue();
            return;
        }
        var isEpisode = entry.Kind == ExportItemKind.Episode;
        json.WriteStartObject();
        json.WriteString("type", isEpisode ? "episode" : "track");
        WriteStringOrSkip("id", entry.Id);
        WriteStringOrSkip("uri", entry.Uri);
        WriteStringOrSkip("name", ExportText.Title(entry));
        json.WriteBoolean("is_local", entry.IsLocal);
        if (ExportText.DurationMs(entry) is { } duration)
        {
            json.WriteNumber("duration_ms", duration);
        }
        if (entry.Explicit is { } isExplicit)
        {
            json.WriteBoolean("explicit", isExplicit);
        }
        if (isEpisode)
        {
            if (entry.ShowUri is not null || entry.ShowName is not null)
            {
                json.WriteStartObject("show");
                WriteStringOrSkip("uri", entry.ShowUri);
                WriteStringOrSkip("name", entry.ShowName);
                json.WriteEndObject();
            }
        }
        else
        {
            if (entry.DiscNumber is { } disc)
            {
                json.WriteNumber("disc_number", disc);
            }
            if (entry.TrackNumber is { } track)
            {
                json.WriteNumber("track_number", track);
            }
            WriteArtists("artists", entry.Artists.Count > 0 || entry.LocalArtist is null
                ? entry.Artists
                : [new ExportArtist(entry.LocalArtist, null)]);
            json.WriteStartObject("album");
            WriteStringOrSkip("uri", entry.AlbumUri);
            WriteStringOrSkip("name", ExportText.AlbumName(entry));
            WriteStringOrSkip("release_date", entry.AlbumReleaseDate);
            WriteArtists("artists", entry.AlbumArtists);
            json.WriteStartArray("images");
            if (entry.AlbumImageUrl is not null)
            {
                json.WriteStartObject();
                json.WriteString("url", ExportText.Clean(entry.AlbumImageUrl));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (entry.Isrc is not null)
            {
                json.WriteStartObject("external_ids");
                json.WriteString("isrc", ExportText.Clean(entry.Isrc));
                json.WriteEndObject();
            }
        }
        json.WriteEndObject();
    }

    private void WriteArtists(string name, IReadOnlyList<ExportArtist> artists)
    {
        json.WriteStartArray(name);
        foreach (var artist in artists)
        {
            json.WriteStartObject();
            json.WriteString("name", ExportText.Clean(artist.Name));
            json.WriteString("type", "artist");
            WriteStringOrSkip("uri", artist.Uri);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private void WriteStringOrSkip(string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json.WriteString(name, ExportText.Clean(value));
        }
    }

    private void WriteDateOrSkip(string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, ExportText.IsoUtc(date));
        }
    }

    private void WriteDateOrNull(string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            json.WriteString(name, ExportText.IsoUtc(date));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
