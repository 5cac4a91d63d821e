using System.Text.Json;
using System.Text.Json.Nodes;
using MusiVault.Engine.Spotify;
using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Spotify.Json;

namespace MusiVault.Engine.Tests.Spotify;

/// <summary>Every recorded Spotify response parses with the mapper for its endpoint, and the mess in them maps right.</summary>
public sealed class FixtureParsingTests
{
    internal static string FixtureDirectory => Path.Combine(AppContext.BaseDirectory, "Spotify", "Fixtures");

    internal static string Read(string name) => File.ReadAllText(Path.Combine(FixtureDirectory, name));

    public static TheoryData<string> AllFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(FixtureDirectory, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Fact]
    public void AllRecordedFixturesAreCopied()
    {
        Assert.True(AllFixtures().Count >= 50, $"only {AllFixtures().Count} fixtures found in {FixtureDirectory}");
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void EveryFixtureParsesWithTheMapperOfItsEndpoint(string name)
    {
        var json = Read(name);
        var endpoint = name[..name.IndexOf('.', StringComparison.Ordinal)];
        switch (endpoint)
        {
            case "me" or "user":
                var user = SpotifyMapper.User(json);
                Assert.False(string.IsNullOrEmpty(user.Id));
                Assert.StartsWith("spotify:user:", user.Uri);
                break;
            case "me-tracks":
                AssertSavedPlayables(SpotifyMapper.SavedTracksPage(json), PlayableKind.Track);
                break;
            case "me-episodes":
                AssertSavedPlayables(SpotifyMapper.SavedEpisodesPage(json), PlayableKind.Episode);
                break;
            case "me-albums":
                var albums = SpotifyMapper.SavedAlbumsPage(json);
                Assert.NotEmpty(albums.Items);
                Assert.All(albums.Items, a =>
                {
                    Assert.NotNull(a.AddedAt);
                    Assert.StartsWith("spotify:album:", a.Item!.Uri);
                    Assert.NotEmpty(a.Item.Artists);
                    AssertRaw(a.Item.RawJson, a.Item.Id);
                });
                break;
            case "me-shows":
                var shows = SpotifyMapper.SavedShowsPage(json);
                Assert.NotEmpty(shows.Items);
                Assert.All(shows.Items, s =>
                {
                    Assert.StartsWith("spotify:show:", s.Item!.Uri);
                    Assert.False(string.IsNullOrEmpty(s.Item.Name));
                    AssertRaw(s.Item.RawJson, s.Item.Id);
                });
                break;
            case "me-playlists" when name.Contains("simplified", StringComparison.Ordinal):
            case "playlist":
                var playlist = SpotifyMapper.Playlist(json);
                Assert.False(string.IsNullOrEmpty(playlist.Name));
                if (!name.Contains("fields-filtered", StringComparison.Ordinal))
                {
                    Assert.Matches("^spotify:(user:[^:]+:)?playlist:", playlist.Uri); // old recordings use user-scoped URIs
                    AssertRaw(playlist.RawJson, playlist.Id);
                }
                break;
            case "me-playlists" or "users-playlists":
                var playlists = SpotifyMapper.PlaylistsPage(json);
                Assert.NotEmpty(playlists.Items);
                Assert.All(playlists.Items, p =>
                {
                    Assert.Matches("^spotify:(user:[^:]+:)?playlist:", p.Uri);
                    Assert.False(string.IsNullOrEmpty(p.OwnerId));
                    Assert.NotNull(p.ItemsTotal);
                });
                break;
            case "page":
                var nullPage = SpotifyMapper.PlaylistsPage(json);
                Assert.Empty(nullPage.Items);
                Assert.Equal(1, nullPage.RawItemCount);
                break;
            case "playlist-tracks":
                var entries = SpotifyMapper.PlaylistItemsPage(json);
                Assert.NotEmpty(entries.Items);
                Assert.Equal(entries.RawItemCount, entries.Items.Count);
                Assert.All(entries.Items.Where(e => e.Item is not null), e =>
                {
                    Assert.False(string.IsNullOrEmpty(e.Item!.Name));
                    Assert.Matches("^spotify:(track|episode|local):", e.Item.Uri);
                    Assert.Equal(e.Item.IsLocal, e.IsLocal);
                });
                break;
            case "playlist-images":
                var images = SpotifyMapper.Images(json);
                Assert.Single(images);
                Assert.Equal(640, images[0].Width);
                break;
            case "me-following":
                var followed = SpotifyMapper.FollowedArtistsPage(json);
                Assert.All(followed.Items, a => Assert.StartsWith("spotify:artist:", a.Uri));
                Assert.Equal(followed.Items.Count == 0, followed.CursorAfter is null);
                break;
            case "me-player-recently-played":
                var plays = SpotifyMapper.RecentlyPlayedPage(json);
                Assert.NotEmpty(plays.Items);
                Assert.All(plays.Items, p => Assert.StartsWith("spotify:track:", p.Track.Uri));
                Assert.Matches("^[0-9]{13}$", plays.CursorBefore);
                Assert.Matches("^[0-9]{13}$", plays.CursorAfter);
                Assert.True(plays.Items.Zip(plays.Items.Skip(1)).All(p => p.First.PlayedAt >= p.Second.PlayedAt), "newest first");
                break;
            case "me-top-artists":
                var artists = SpotifyMapper.ArtistsPage(json);
                Assert.NotEmpty(artists.Items);
                Assert.All(artists.Items, a =>
                {
                    Assert.NotEmpty(a.Images);
                    AssertRaw(a.RawJson, a.Id);
                });
                break;
            case "me-top-tracks":
                var tracks = SpotifyMapper.TracksPage(json);
                Assert.NotEmpty(tracks.Items);
                Assert.All(tracks.Items, t => Assert.Equal(PlayableKind.Track, t.Kind));
                break;
            case "track":
                var track = SpotifyMapper.Playable(json);
                Assert.Equal(PlayableKind.Track, track.Kind);
                Assert.False(string.IsNullOrEmpty(track.Isrc));
                break;
            case "tracks":
                var several = JsonDocument.Parse(json).RootElement.GetProperty("tracks").EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.Object).Select(SpotifyMapper.MapPlayable).ToArray();
                Assert.NotEmpty(several);
                break;
            case "audio-features":
                var root = JsonDocument.Parse(json).RootElement;
                var features = root.TryGetProperty("audio_features", out var list)
                    ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(SpotifyMapper.MapAudioFeatures).ToArray()
                    : [SpotifyMapper.AudioFeatures(json)];
                Assert.All(features, f => Assert.Equal(22, f.Id.Length));
                break;
            case "error":
                Assert.NotNull(SpotifyClient.ApiErrorMessage(System.Text.Encoding.UTF8.GetBytes(json)));
                break;
            case "spotify-token":
                var grant = SpotifyAccountsClient.TryParseGrant(json);
                if (name.Contains("error", StringComparison.Ordinal))
                {
                    Assert.Null(grant);
                    Assert.Equal("invalid_client: Invalid client", SpotifyClient.ApiErrorMessage(System.Text.Encoding.UTF8.GetBytes(json)));
                }
                else
                {
                    Assert.NotNull(grant);
                    Assert.Equal(name.Contains("refresh", StringComparison.Ordinal), grant.RefreshToken is null);
                    Assert.Equal(["user-read-birthdate", "user-read-email"], grant.Scopes);
                }
                break;
            default:
                Assert.Fail($"No mapper is assigned to fixture {name}: add it to this test.");
                break;
        }
    }

    private static void AssertSavedPlayables(SpotifyPage<SpotifySaved<SpotifyPlayable>> page, PlayableKind kind)
    {
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, s =>
        {
            Assert.NotNull(s.AddedAt);
            Assert.Equal(kind, s.Item!.Kind);
            Assert.False(string.IsNullOrEmpty(s.Item.Name));
            Assert.True(s.Item.DurationMs > 0);
            AssertRaw(s.Item.RawJson, s.Item.Id);
            if (kind == PlayableKind.Track)
            {
                Assert.NotEmpty(s.Item.Artists);
                Assert.NotNull(s.Item.Album);
            }
            else
            {
                Assert.NotNull(s.Item.Show);
            }
        });
    }

    /// <summary>RawJson is that object's own JSON: an object whose id is the entity's.</summary>
    private static void AssertRaw(string raw, string? id)
    {
        var node = JsonNode.Parse(raw)!.AsObject();
        Assert.Equal(id, (string?)node["id"]);
    }

    [Fact]
    public void EpisodeReturnedInTrackShapeIsAnEpisodeOfItsShow()
    {
        var entry = Assert.Single(SpotifyMapper.PlaylistItemsPage(Read("playlist-tracks.episode-as-track.rspotify.json")).Items);
        var episode = entry.Item!;
        Assert.Equal(PlayableKind.Episode, episode.Kind);
        Assert.Equal("spotify:episode:4IBGQd8aV4j6WGqGOjdJmE", episode.Uri);
        Assert.Null(episode.Album);
        Assert.Empty(episode.Artists);
        Assert.Equal("4C53FwIBO9tEhJ0dkMN3GN", episode.Show!.Id);
        Assert.Equal("REALPODCASTNOTMUSIC123", episode.Show.Name);
        Assert.Equal(119257, episode.DurationMs);
        Assert.NotEmpty(episode.Images);
    }

    [Fact]
    public void EpisodeInEpisodeShapeCarriesItsShow()
    {
        var entry = Assert.Single(SpotifyMapper.PlaylistItemsPage(Read("playlist-tracks.episode.swaj.json")).Items);
        Assert.Equal(PlayableKind.Episode, entry.Item!.Kind);
        Assert.False(string.IsNullOrEmpty(entry.Item.Show!.Name));
        Assert.Equal("2015-05-22", entry.Item.ReleaseDate);
        Assert.Equal("spotify_españa", entry.AddedBy);
    }

    [Fact]
    public void MixedPlaylistHasTracksAndEpisodes()
    {
        var page = SpotifyMapper.PlaylistItemsPage(Read("playlist-tracks.episodes-and-tracks.zmb3.json"));
        Assert.Contains(page.Items, e => e.Item!.Kind == PlayableKind.Track);
        Assert.Contains(page.Items, e => e.Item!.Kind == PlayableKind.Episode);
    }

    [Fact]
    public void LocalFilesKeepNullIdsAndLocalUris()
    {
        var page = SpotifyMapper.PlaylistItemsPage(Read("playlist-tracks.local-files.exportify.json"));
        Assert.Equal(2, page.Items.Count);
        var first = page.Items[0];
        Assert.True(first.IsLocal);
        Assert.True(first.Item!.IsLocal);
        Assert.Null(first.Item.Id);
        Assert.Equal("spotify:local:The+Waymores:Heart+of+Stone:Heart+of+Stone:128", first.Item.Uri);
        Assert.Null(first.Item.Album!.Id);
        Assert.Equal("Heart of Stone", first.Item.Album.Name);
        Assert.Equal(new SpotifyArtistRef(null, null, "The Waymores"), Assert.Single(first.Item.Artists));
        // exportify's page lacks limit/offset/total: no next, nothing invented.
        Assert.False(page.HasNext);
        Assert.Null(page.NextOffset);
        Assert.Null(page.Total);
    }

    [Fact]
    public void NullTrackKeepsItsPosition()
    {
        var entry = Assert.Single(SpotifyMapper.PlaylistItemsPage(Read("playlist-tracks.null-track.exportify.json")).Items);
        Assert.Null(entry.Item);
        Assert.Equal("", entry.AddedBy);
        Assert.Equal(new DateTimeOffset(2020, 11, 8, 22, 12, 50, TimeSpan.Zero), entry.AddedAt);
    }

    [Fact]
    public void NullEntryInAPlaylistPageIsAnEmptyPosition()
    {
        const string json = """{"items":[null,{"added_at":null,"is_local":false,"item":null}],"next":null}""";
        var page = SpotifyMapper.PlaylistItemsPage(json);
        Assert.Equal(2, page.Items.Count);
        Assert.All(page.Items, e => Assert.Null(e.Item));
    }

    [Fact]
    public void SimplifiedPlaylistWithNullPublicAndSizelessImages()
    {
        var playlist = SpotifyMapper.Playlist(Read("me-playlists.simplified-playlist.rspotify.json"));
        Assert.Null(playlist.Public);
        Assert.Equal(62, playlist.ItemsTotal);
        Assert.Equal("spotify", playlist.OwnerId);
        var image = Assert.Single(playlist.Images);
        Assert.Null(image.Width);
        Assert.Null(image.Height);
    }

    [Fact]
    public void UpperCaseAlbumTypeIsNormalised()
    {
        Assert.Contains("\"ALBUM\"", Read("me-top-tracks.page.zmb3.json"), StringComparison.Ordinal);
        var tracks = SpotifyMapper.TracksPage(Read("me-top-tracks.page.zmb3.json"));
        Assert.All(tracks.Items, t => Assert.Equal(t.Album!.AlbumType, t.Album.AlbumType?.ToLowerInvariant()));
        Assert.Contains(tracks.Items, t => t.Album!.AlbumType == "album");
    }

    [Fact]
    public void NextOffsetComesFromTheNextUrlNotFromTotal()
    {
        var playlists = SpotifyMapper.PlaylistsPage(Read("me-playlists.page.zmb3.json"));
        Assert.Equal(20, playlists.Offset);
        Assert.Equal(25, playlists.NextOffset);
        // A trimmed recording: 3 items, total 3, but Spotify's next says there is more.
        var saved = SpotifyMapper.SavedTracksPage(Read("me-tracks.page.zmb3.json"));
        Assert.True(saved.HasNext);
        Assert.Equal(20, saved.NextOffset);
    }

    [Fact]
    public void FollowedArtistsCursorPages()
    {
        var page = SpotifyMapper.FollowedArtistsPage(Read("me-following.artists.cursor.zmb3.json"));
        Assert.Equal("0aV6DOiouImYTqrR5YlIqx", page.CursorAfter);
        Assert.True(page.HasNext);
        Assert.Equal(7753, page.Items[0].Followers);
        Assert.Equal(["swedish hip hop"], page.Items[0].Genres);
        var last = SpotifyMapper.FollowedArtistsPage(Read("me-following.artists.cursor-empty.swaj.json"));
        Assert.Empty(last.Items);
        Assert.False(last.HasNext);
        Assert.Null(last.CursorAfter);
    }

    [Fact]
    public void RecentlyPlayedKeepsContextAndMillisecondTimes()
    {
        var page = SpotifyMapper.RecentlyPlayedPage(Read("me-player-recently-played.cursor.zmb3.json"));
        Assert.Contains(page.Items, p => p.ContextType == "album" && p.ContextUri == "spotify:album:0eFHYz8NmK75zSplL5qlfM");
        Assert.Equal("1495842394544", page.CursorBefore);
        var swaj = SpotifyMapper.RecentlyPlayedPage(Read("me-player-recently-played.cursor.swaj.json"));
        Assert.Contains(swaj.Items, p => p.PlayedAt == new DateTimeOffset(2023, 9, 22, 15, 23, 14, 294, TimeSpan.Zero));
    }

    [Fact]
    public void NumericCursorsAreReadToo()
    {
        var page = SpotifyMapper.RecentlyPlayedPage("""{"items":[],"cursors":{"after":1695397413750,"before":"1695396194294"},"next":null}""");
        Assert.Equal("1695397413750", page.CursorAfter);
        Assert.Equal("1695396194294", page.CursorBefore);
    }

    [Fact]
    public void UnknownFieldsAndMissingFieldsAreTolerated()
    {
        var track = SpotifyMapper.Playable("""{"type":"track","uri":"spotify:track:x","name":"N","brand_new_field":{"a":[1,2]},"duration_ms":"1000"}""");
        Assert.Equal("N", track.Name);
        Assert.Equal(1000, track.DurationMs);
        Assert.Empty(track.Artists);
        Assert.Null(track.Album);
        Assert.Null(track.IsPlayable);
    }

    [Fact]
    public void TruncatedJsonThrowsJsonException()
    {
        var text = Read("me-tracks.page.swaj.json");
        Assert.ThrowsAny<JsonException>(() => SpotifyMapper.SavedTracksPage(text[..(text.Length / 2)]));
    }
}
