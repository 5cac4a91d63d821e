using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MusiVault.Engine.Spotify.Json;

/// <summary>
/// Turns Web API JSON into the engine's models. Both the 2026 shapes (`items`, entries with `item`) and the legacy
/// ones (`tracks`, `track`) map to equal models; `item` wins when an entry carries both.
/// Throws <see cref="JsonException"/> on text that is not JSON (the client treats that as a transient failure).
/// </summary>
internal static class SpotifyMapper
{
    private static SpotifyJsonContext Context => SpotifyJsonContext.Default;

    // --- pages -------------------------------------------------------------------------------------------------

    public static SpotifyPage<SpotifySaved<SpotifyPlayable>> SavedTracksPage(string json) =>
        SavedPage(json, s => s.Track, MapPlayable);

    public static SpotifyPage<SpotifySaved<SpotifyPlayable>> SavedEpisodesPage(string json) =>
        SavedPage(json, s => s.Episode, MapPlayable);

    public static SpotifyPage<SpotifySaved<SpotifyAlbum>> SavedAlbumsPage(string json) =>
        SavedPage(json, s => s.Album, MapAlbum);

    public static SpotifyPage<SpotifySaved<SpotifyShow>> SavedShowsPage(string json) =>
        SavedPage(json, s => s.Show, MapShow);

    public static SpotifyPage<SpotifyPlaylist> PlaylistsPage(string json) => Page(json, SkipNull(MapPlaylist));

    /// <summary>Every position is kept, a null entry included, so positions stay aligned with the playlist.</summary>
    public static SpotifyPage<SpotifyPlaylistEntry> PlaylistItemsPage(string json) => Page(json, MapPlaylistEntry);

    public static SpotifyPage<SpotifyArtist> ArtistsPage(string json) => Page(json, SkipNull(MapArtist));

    public static SpotifyPage<SpotifyPlayable> TracksPage(string json) => Page(json, SkipNull(MapPlayable));

    public static SpotifyPage<SpotifyPlay> RecentlyPlayedPage(string json) => Page(json, SkipNull(MapPlay));

    public static SpotifyPage<SpotifyArtist> FollowedArtistsPage(string json)
    {
        var wrapper = Deserialize(json, Context.FollowedArtistsDto)
            ?? throw SpotifyBounds.Shape("the body is null, not a page of followed artists");
        return MapPage(wrapper.Artists ?? throw SpotifyBounds.Shape("the answer has no `artists` page"), SkipNull(MapArtist));
    }

    // --- single objects ----------------------------------------------------------------------------------------

    public static SpotifyUser User(string json) => FromRoot(json, MapUser);

    public static SpotifyPlaylist Playlist(string json) => FromRoot(json, MapPlaylist);

    public static SpotifyPlayable Playable(string json) => FromRoot(json, MapPlayable);

    public static SpotifyAudioFeatures AudioFeatures(string json) => FromRoot(json, MapAudioFeatures);

    public static IReadOnlyList<SpotifyImage> Images(string json)
    {
        var list = Deserialize(json, Context.ListImageDto);
        return MapImages(list);
    }

    // --- element mappers ---------------------------------------------------------------------------------------

    public static SpotifyPlayable MapPlayable(JsonElement element)
    {
        var dto = element.Deserialize(Context.PlayableDto) ?? new PlayableDto();
        var kind = KindOf(dto);
        var uri = dto.Uri ?? (dto.Id is null ? "" : $"spotify:{(kind == PlayableKind.Episode ? "episode" : "track")}:{dto.Id}");
        var isLocal = dto.IsLocal ?? uri.StartsWith("spotify:local:", StringComparison.Ordinal);
        var common = new SpotifyPlayable
        {
            Kind = kind,
            Id = dto.Id,
            Uri = uri,
            Name = SpotifyBounds.Text(dto.Name ?? ""),
            IsLocal = isLocal,
            DurationMs = dto.DurationMs ?? 0,
            Explicit = dto.Explicit ?? false,
            IsPlayable = dto.IsPlayable,
            Description = SpotifyBounds.OptionalText(dto.Description),
            RawJson = SpotifyBounds.Raw(element, "track or episode"),
        };
        if (kind == PlayableKind.Track)
        {
            return Copy(common, dto.ExternalIds?.Isrc, dto.DiscNumber, dto.TrackNumber, MapArtistRefs(dto.Artists),
                dto.Album is null ? null : MapAlbumRef(dto.Album), null, null, MapImages(dto.Images));
        }
        if (dto.Show is not null)
        {
            return Copy(common, null, null, null, [], null,
                new SpotifyShowRef(dto.Show.Id, dto.Show.Uri, SpotifyBounds.Text(dto.Show.Name ?? ""), dto.Show.Publisher),
                dto.ReleaseDate, MapImages(dto.Images));
        }
        // An episode in track shape (playlists read without additional_types=episode): `album` is the show.
        var show = dto.Album is null ? null : new SpotifyShowRef(dto.Album.Id, dto.Album.Uri, SpotifyBounds.Text(dto.Album.Name ?? ""), null);
        var images = dto.Images is { Count: > 0 } ? MapImages(dto.Images) : MapImages(dto.Album?.Images);
        return Copy(common, null, null, null, [], null, show, dto.ReleaseDate, images);
    }

    private static SpotifyPlayable Copy(SpotifyPlayable common, string? isrc, int? disc, int? track,
        IReadOnlyList<SpotifyArtistRef> artists, SpotifyAlbumRef? album, SpotifyShowRef? show, string? releaseDate,
        IReadOnlyList<SpotifyImage> images) => new()
    {
        Kind = common.Kind,
        Id = common.Id,
        Uri = common.Uri,
        Name = common.Name,
        IsLocal = common.IsLocal,
        DurationMs = common.DurationMs,
        Explicit = common.Explicit,
        IsPlayable = common.IsPlayable,
        Description = common.Description,
        RawJson = common.RawJson,
        Isrc = isrc,
        DiscNumber = disc,
        TrackNumber = track,
        Artists = artists,
        Album = album,
        Show = show,
        ReleaseDate = releaseDate,
        Images = images,
    };

    private static PlayableKind KindOf(PlayableDto dto)
    {
        if (string.Equals(dto.Type, "episode", StringComparison.OrdinalIgnoreCase))
        {
            return PlayableKind.Episode;
        }
        if (string.Equals(dto.Type, "track", StringComparison.OrdinalIgnoreCase))
        {
            return PlayableKind.Track;
        }
        return dto.Uri?.StartsWith("spotify:episode:", StringComparison.Ordinal) == true || dto.Show is not null
            ? PlayableKind.Episode
            : PlayableKind.Track;
    }

    public static SpotifyPlaylistEntry MapPlaylistEntry(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return new SpotifyPlaylistEntry();
        }
        var dto = element.Deserialize(Context.PlaylistEntryDto) ?? new PlaylistEntryDto();
        var payload = dto.Item is { ValueKind: JsonValueKind.Object } item ? item
            : dto.Track is { ValueKind: JsonValueKind.Object } track ? track
            : (JsonElement?)null;
        var playable = payload is null ? null : MapPlayable(payload.Value);
        return new SpotifyPlaylistEntry
        {
            AddedAt = ParseTime(dto.AddedAt),
            AddedBy = dto.AddedBy?.Id,
            IsLocal = dto.IsLocal ?? playable?.IsLocal ?? false,
            Item = playable,
        };
    }

    public static SpotifyPlaylist MapPlaylist(JsonElement element)
    {
        var dto = element.Deserialize(Context.PlaylistDto) ?? new PlaylistDto();
        return new SpotifyPlaylist
        {
            Id = dto.Id ?? "",
            Uri = dto.Uri ?? (dto.Id is null ? "" : "spotify:playlist:" + dto.Id),
            Name = SpotifyBounds.Text(dto.Name ?? ""),
            Description = SpotifyBounds.OptionalText(dto.Description),
            OwnerId = dto.Owner?.Id,
            OwnerName = SpotifyBounds.OptionalText(dto.Owner?.DisplayName),
            Public = dto.Public,
            Collaborative = dto.Collaborative ?? false,
            SnapshotId = dto.SnapshotId,
            ItemsTotal = dto.Items?.Total ?? dto.Tracks?.Total,
            Followers = dto.Followers?.Total,
            Images = MapImages(dto.Images),
            RawJson = SpotifyBounds.Raw(element, "playlist"),
        };
    }

    public static SpotifyArtist MapArtist(JsonElement element)
    {
        var dto = element.Deserialize(Context.ArtistDto) ?? new ArtistDto();
        return new SpotifyArtist
        {
            Id = dto.Id ?? "",
            Uri = dto.Uri ?? (dto.Id is null ? "" : "spotify:artist:" + dto.Id),
            Name = SpotifyBounds.Text(dto.Name ?? ""),
            Genres = dto.Genres?.Where(g => g is not null).Select(g => g!).ToArray() ?? [],
            Followers = dto.Followers?.Total,
            Images = MapImages(dto.Images),
            RawJson = SpotifyBounds.Raw(element, "artist"),
        };
    }

    public static SpotifyAlbum MapAlbum(JsonElement element)
    {
        var dto = element.Deserialize(Context.AlbumDto) ?? new AlbumDto();
        return new SpotifyAlbum
        {
            Id = dto.Id ?? "",
            Uri = dto.Uri ?? (dto.Id is null ? "" : "spotify:album:" + dto.Id),
            Name = SpotifyBounds.Text(dto.Name ?? ""),
            AlbumType = NormaliseAlbumType(dto.AlbumType),
            ReleaseDate = dto.ReleaseDate,
            ReleaseDatePrecision = dto.ReleaseDatePrecision,
            TotalTracks = dto.TotalTracks,
            Label = dto.Label,
            Upc = dto.ExternalIds?.Upc,
            Artists = MapArtistRefs(dto.Artists),
            Images = MapImages(dto.Images),
            RawJson = SpotifyBounds.Raw(element, "album"),
        };
    }

    public static SpotifyShow MapShow(JsonElement element)
    {
        var dto = element.Deserialize(Context.ShowDto) ?? new ShowDto();
        return new SpotifyShow
        {
            Id = dto.Id ?? "",
            Uri = dto.Uri ?? (dto.Id is null ? "" : "spotify:show:" + dto.Id),
            Name = SpotifyBounds.Text(dto.Name ?? ""),
            Publisher = SpotifyBounds.OptionalText(dto.Publisher),
            Description = SpotifyBounds.OptionalText(dto.Description),
            TotalEpisodes = dto.TotalEpisodes,
            Explicit = dto.Explicit ?? false,
            Images = MapImages(dto.Images),
            RawJson = SpotifyBounds.Raw(element, "show"),
        };
    }

    public static SpotifyUser MapUser(JsonElement element)
    {
        var dto = element.Deserialize(Context.UserDto) ?? new UserDto();
        return new SpotifyUser
        {
            Id = dto.Id ?? "",
            DisplayName = SpotifyBounds.OptionalText(dto.DisplayName),
            Uri = dto.Uri,
            Followers = dto.Followers?.Total,
            Images = MapImages(dto.Images),
            RawJson = SpotifyBounds.Raw(element, "user"),
        };
    }

    public static SpotifyPlay? MapPlay(JsonElement element)
    {
        var dto = element.Deserialize(Context.PlayHistoryDto);
        if (dto?.Track is not { ValueKind: JsonValueKind.Object } track || ParseTime(dto.PlayedAt) is not { } playedAt)
        {
            return null;
        }
        return new SpotifyPlay
        {
            PlayedAt = playedAt,
            Track = MapPlayable(track),
            ContextType = dto.Context?.Type,
            ContextUri = dto.Context?.Uri,
        };
    }

    public static SpotifyAudioFeatures MapAudioFeatures(JsonElement element)
    {
        var dto = element.Deserialize(Context.AudioFeaturesDto) ?? new AudioFeaturesDto();
        return new SpotifyAudioFeatures { Id = dto.Id ?? "", RawJson = SpotifyBounds.Raw(element, "audio features object") };
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static SpotifyPage<SpotifySaved<T>> SavedPage<T>(string json, Func<SavedDto, JsonElement?> member,
        Func<JsonElement, T> map)
        where T : class =>
        Page(json, element =>
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return new SpotifySaved<T>();
            }
            var dto = element.Deserialize(Context.SavedDto) ?? new SavedDto();
            var payload = member(dto);
            return new SpotifySaved<T>
            {
                AddedAt = ParseTime(dto.AddedAt),
                Item = payload is { ValueKind: JsonValueKind.Object } value ? map(value) : null,
            };
        });

    private static Func<JsonElement, T?> SkipNull<T>(Func<JsonElement, T?> map)
        where T : class =>
        element => element.ValueKind == JsonValueKind.Object ? map(element) : null;

    private static SpotifyPage<T> Page<T>(string json, Func<JsonElement, T?> map)
        where T : class
    {
        var dto = Deserialize(json, Context.PageDto) ?? throw SpotifyBounds.Shape("the body is null, not a page");
        return MapPage(dto, map);
    }

    private static SpotifyPage<T> MapPage<T>(PageDto dto, Func<JsonElement, T?> map)
        where T : class
    {
        // A page without `items` is a broken answer, never an empty page: read as empty, it would mean "all removed".
        var raw = dto.Items ?? throw SpotifyBounds.Shape("the page has no `items`");
        var items = new List<T>(raw.Count);
        foreach (var element in raw)
        {
            if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                throw SpotifyBounds.Shape($"an item of the page is a {element.ValueKind}, not an object");
            }
            if (map(element) is { } item)
            {
                items.Add(item);
            }
        }
        var offset = dto.Offset ?? 0;
        return new SpotifyPage<T>
        {
            Items = items,
            Offset = offset,
            Limit = dto.Limit ?? raw.Count,
            Total = dto.Total,
            Next = dto.Next,
            NextOffset = string.IsNullOrEmpty(dto.Next) ? null : QueryInt(dto.Next, "offset") ?? offset + raw.Count,
            RawItemCount = raw.Count,
            CursorAfter = CursorText(dto.Cursors?.After),
            CursorBefore = CursorText(dto.Cursors?.Before),
        };
    }

    private static T FromRoot<T>(string json, Func<JsonElement, T> map)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Expected a JSON object, got {document.RootElement.ValueKind}.");
        }
        return map(document.RootElement);
    }

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static T? Deserialize<T>(string json, JsonTypeInfo<T> info) => JsonSerializer.Deserialize(json, info);

    private static string? CursorText(JsonElement? cursor) => cursor switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    internal static int? QueryInt(string url, string name)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        if (queryStart < 0)
        {
            return null;
        }
        foreach (var pair in url[(queryStart + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name &&
                int.TryParse(pair[(eq + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }
        return null;
    }

    internal static DateTimeOffset? ParseTime(string? text) =>
        !string.IsNullOrWhiteSpace(text) &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static string? NormaliseAlbumType(string? albumType) => albumType?.ToLowerInvariant();

    private static SpotifyAlbumRef MapAlbumRef(AlbumDto dto) => new(
        dto.Id,
        dto.Uri,
        SpotifyBounds.Text(dto.Name ?? ""),
        NormaliseAlbumType(dto.AlbumType),
        dto.ReleaseDate,
        dto.ReleaseDatePrecision,
        MapArtistRefs(dto.Artists),
        MapImages(dto.Images));

    private static IReadOnlyList<SpotifyArtistRef> MapArtistRefs(List<ArtistDto?>? artists) =>
        artists?.Where(a => a is not null).Select(a => new SpotifyArtistRef(a!.Id, a.Uri, SpotifyBounds.Text(a.Name ?? ""))).ToArray() ?? [];

    private static IReadOnlyList<SpotifyImage> MapImages(IEnumerable<ImageDto?>? images) =>
        images?.Where(i => i?.Url is not null).Select(i => new SpotifyImage(i!.Url!, i.Width, i.Height)).ToArray() ?? [];
}
