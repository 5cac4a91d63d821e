using System.Text.Json;
using MusiVault.Engine.Export;

namespace MusiVault.Engine.Tests.Export;

public sealed class JsonPlaylistWriterTests
{
    [Fact]
    public void Writes_Spotifys_2026_playlist_shape_with_an_items_page()
    {
        using var document = JsonDocument.Parse(ExportSamples.Write(ExportFormat.Json));
        var root = document.RootElement;
        Assert.Equal("Road <Trip> & \"Friends\", vol. 1", root.GetProperty("name").GetString());
        Assert.Equal("watsonbox", root.GetProperty("owner").GetProperty("id").GetString());
        var page = root.GetProperty("items");
        Assert.Equal(ExportSamples.Entries.Count, page.GetProperty("total").GetInt32());
        Assert.Equal(0, page.GetProperty("offset").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ExportSamples.Entries.Count, items.Count);

        Assert.Equal("2020-07-19T09:24:39Z", items[0].GetProperty("added_at").GetString());
        Assert.Equal(JsonValueKind.Null, items[0].GetProperty("added_by").ValueKind);
        Assert.False(items[0].GetProperty("is_local").GetBoolean());
        var addedBy = items[1].GetProperty("added_by");
        Assert.Equal("spotify:user:" + ExportSamples.AddedByUser, addedBy.GetProperty("uri").GetString());
        Assert.Equal("user", addedBy.GetProperty("type").GetString());
        Assert.True(items[1].GetProperty("is_local").GetBoolean());

        // Local file without stored JSON: built from what the vault knows.
        var local = items[1].GetProperty("item");
        Assert.Equal("spotify:local:The+Waymores:Heart+of+Stone:Heart+of+Stone:128", local.GetProperty("uri").GetString());
        Assert.Equal("The Waymores", local.GetProperty("artists")[0].GetProperty("name").GetString());
        Assert.Equal(128000, local.GetProperty("duration_ms").GetInt64());

        // Stored JSON that is not JSON is not copied; the typed fields stand in.
        Assert.Equal("Gone From Spotify", items[4].GetProperty("item").GetProperty("name").GetString());
        Assert.False(items[4].GetProperty("musivault").GetProperty("is_available").GetBoolean());
        Assert.Equal("2026-02-20T08:00:00Z", items[5].GetProperty("musivault").GetProperty("removed_at").GetString());
        Assert.Equal(JsonValueKind.Null, items[6].GetProperty("item").ValueKind);
    }

    [Fact]
    public void Copies_stored_item_JSON_byte_for_byte()
    {
        var json = ExportSamples.Write(ExportFormat.Json);
        Assert.Contains(ExportSamples.Crying.RawJson!, json, StringComparison.Ordinal); // escapes (\u00e9, \") kept as stored
        Assert.Contains(ExportSamples.Entries[3].RawJson!, json, StringComparison.Ordinal);
    }

    [Fact]
    public void Copies_the_stored_playlist_object_but_replaces_its_tracks_with_the_exported_items()
    {
        const string raw = """{"collaborative":false,"description":"old","id":"3cEYpjA9oz9GiPac4AsH4n","name":"Old name","owner":{"display_name":"JMPerez\u00b2","id":"jmperezperez"},"snapshot_id":"AAAAEur2+1I6iINI0+04uFfVLiVJraUQ","tracks":{"href":"x","total":99,"items":[]},"type":"playlist"}""";
        var playlist = ExportSamples.Playlist with { RawJson = raw };
        var json = ExportSamples.Write(ExportFormat.Json, playlist: playlist);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;

        Assert.False(root.TryGetProperty("tracks", out _));
        Assert.Equal("AAAAEur2+1I6iINI0+04uFfVLiVJraUQ", root.GetProperty("snapshot_id").GetString());
        Assert.Contains("\"display_name\":\"JMPerez\\u00b2\"", json, StringComparison.Ordinal);
        Assert.Equal(playlist.Name, root.GetProperty("name").GetString());
        Assert.Equal(ExportSamples.Entries.Count, root.GetProperty("items").GetProperty("items").GetArrayLength());
        Assert.Equal("2026-03-01T12:00:00Z", root.GetProperty("musivault").GetProperty("as_of").GetString());
    }
}
