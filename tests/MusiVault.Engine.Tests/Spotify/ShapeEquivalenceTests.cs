using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>The 2026 shapes (`items`, `item`) and the legacy ones (`tracks`, `track`) of the same data give equal models.</summary>
public sealed class ShapeEquivalenceTests
{
    /// <summary>Models as JSON without RawJson (which differs by construction: it is the wire text).</summary>
    private static readonly JsonSerializerOptions ModelOptions = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver
        {
            Modifiers =
            {
                info =>
                {
                    foreach (var property in info.Properties.Where(p => p.Name == "RawJson").ToArray())
                    {
                        info.Properties.Remove(property);
                    }
                },
            },
        },
    };

    private static string Model<T>(T value) => JsonSerializer.Serialize(value, ModelOptions);

    private static JsonObject Fixture(string name) => JsonNode.Parse(FixtureParsingTests.Read(name))!.AsObject();

    /// <summary>Keeps only one of the two names in the object and in every entry of its page.</summary>
    private static string OnlyShape(JsonObject source, bool modern)
    {
        var copy = source.DeepClone().AsObject();
        var (keep, drop) = modern ? ("items", "tracks") : ("tracks", "items");
        if (copy.ContainsKey("snapshot_id") || copy["type"]?.GetValue<string>() == "playlist")
        {
            copy.Remove(drop);
            if (copy[keep] is JsonObject page)
            {
                StripEntries(page, modern);
            }
        }
        else
        {
            StripEntries(copy, modern);
        }
        return copy.ToJsonString();
    }

    private static void StripEntries(JsonObject page, bool modern)
    {
        foreach (var entry in page["items"]!.AsArray().OfType<JsonObject>())
        {
            var payload = entry["item"] ?? entry["track"];
            entry.Remove("item");
            entry.Remove("track");
            entry[modern ? "item" : "track"] = payload?.DeepClone();
        }
    }

    [Fact]
    public void FullPlaylistGivesTheSamePlaylistInBothShapes()
    {
        var source = Fixture("playlist.full.items-field-2026.rspotify.json");
        var modern = SpotifyMapper.Playlist(OnlyShape(source, modern: true));
        var legacy = SpotifyMapper.Playlist(OnlyShape(source, modern: false));
        Assert.Equal(5, modern.ItemsTotal);
        Assert.Equal(Model(legacy), Model(modern));
        Assert.Equal(Model(modern), Model(SpotifyMapper.Playlist(source.ToJsonString())));
    }

    [Fact]
    public void EmbeddedEntriesGiveTheSameEntriesInBothShapes()
    {
        var page = Fixture("playlist.full.items-field-2026.rspotify.json")["items"]!.AsObject();
        var modern = SpotifyMapper.PlaylistItemsPage(OnlyShape(page, modern: true));
        var legacy = SpotifyMapper.PlaylistItemsPage(OnlyShape(page, modern: false));
        Assert.NotEmpty(modern.Items);
        Assert.NotNull(modern.Items[0].Item);
        Assert.Equal(Model(legacy), Model(modern));
    }

    [Theory]
    [InlineData("playlist-tracks.page.swaj.json")]
    [InlineData("playlist-tracks.page100.zmb3.json")]
    [InlineData("playlist-tracks.episodes-and-tracks.zmb3.json")]
    [InlineData("playlist-tracks.episode-as-track.rspotify.json")]
    [InlineData("playlist-tracks.local-files.exportify.json")]
    [InlineData("playlist-tracks.null-track.exportify.json")]
    public void LegacyEntryPagesGiveTheSameEntriesAs2026Pages(string name)
    {
        var page = Fixture(name);
        var legacy = SpotifyMapper.PlaylistItemsPage(page.ToJsonString());
        var modern = SpotifyMapper.PlaylistItemsPage(OnlyShape(page, modern: true));
        Assert.Equal(Model(legacy), Model(modern));
    }

    [Fact]
    public void ItemWinsWhenAnEntryCarriesBoth()
    {
        var page = Fixture("playlist-tracks.page.swaj.json");
        var entry = page["items"]![0]!.AsObject();
        var other = entry["track"]!.DeepClone().AsObject();
        other["name"] = "the 2026 name";
        entry["item"] = other;
        var mapped = SpotifyMapper.PlaylistItemsPage(page.ToJsonString());
        Assert.Equal("the 2026 name", mapped.Items[0].Item!.Name);
    }

    [Theory]
    [InlineData("me-playlists.simplified-playlist.rspotify.json")]
    [InlineData("playlist.full.swaj.json")]
    public void SimplifiedAndFullPlaylistsGiveTheSameTotalFromItemsOrTracks(string name)
    {
        var legacy = Fixture(name);
        var modern = legacy.DeepClone().AsObject();
        modern["items"] = modern["tracks"]!.DeepClone();
        modern.Remove("tracks");
        Assert.Equal(Model(SpotifyMapper.Playlist(legacy.ToJsonString())), Model(SpotifyMapper.Playlist(modern.ToJsonString())));
        Assert.NotNull(SpotifyMapper.Playlist(modern.ToJsonString()).ItemsTotal);
    }
}
