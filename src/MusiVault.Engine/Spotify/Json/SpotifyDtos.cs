using System.Text.Json;
using System.Text.Json.Serialization;

namespace MusiVault.Engine.Spotify.Json;

// Wire shapes of the Spotify Web API, only the fields we map. Every property is optional and nullable: recorded
// responses omit fields (exportify pages lack limit/offset/total), send null where the spec says a value (local files,
// old playlists), and add undocumented ones (primary_color, video_thumbnail), which the serializer ignores.
// Objects that become model entities stay JsonElement here, so the mapper can keep their verbatim text (RawJson).

internal sealed class ImageDto
{
    [JsonPropertyName("url")] public string? Url { get; set; }
    [JsonPropertyName("width")] public int? Width { get; set; }
    [JsonPropertyName("height")] public int? Height { get; set; }
}

internal sealed class FollowersDto
{
    [JsonPropertyName("total")] public long? Total { get; set; }
}

internal sealed class ExternalIdsDto
{
    [JsonPropertyName("isrc")] public string? Isrc { get; set; }
    [JsonPropertyName("upc")] public string? Upc { get; set; }
}

internal sealed class ArtistDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("genres")] public List<string?>? Genres { get; set; }
    [JsonPropertyName("followers")] public FollowersDto? Followers { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

/// <summary>An album (full or simplified); for an episode returned in track shape it is the show.</summary>
internal sealed class AlbumDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("album_type")] public string? AlbumType { get; set; }
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; set; }
    [JsonPropertyName("release_date_precision")] public string? ReleaseDatePrecision { get; set; }
    [JsonPropertyName("total_tracks")] public int? TotalTracks { get; set; }
    [JsonPropertyName("label")] public string? Label { get; set; }
    [JsonPropertyName("external_ids")] public ExternalIdsDto? ExternalIds { get; set; }
    [JsonPropertyName("artists")] public List<ArtistDto?>? Artists { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

internal sealed class ShowDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("publisher")] public string? Publisher { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("total_episodes")] public int? TotalEpisodes { get; set; }
    [JsonPropertyName("explicit")] public bool? Explicit { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

/// <summary>A TrackObject or an EpisodeObject; <see cref="Type"/> says which.</summary>
internal sealed class PlayableDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("is_local")] public bool? IsLocal { get; set; }
    [JsonPropertyName("duration_ms")] public long? DurationMs { get; set; }
    [JsonPropertyName("explicit")] public bool? Explicit { get; set; }
    [JsonPropertyName("external_ids")] public ExternalIdsDto? ExternalIds { get; set; }
    [JsonPropertyName("disc_number")] public int? DiscNumber { get; set; }
    [JsonPropertyName("track_number")] public int? TrackNumber { get; set; }
    [JsonPropertyName("is_playable")] public bool? IsPlayable { get; set; }
    [JsonPropertyName("artists")] public List<ArtistDto?>? Artists { get; set; }
    [JsonPropertyName("album")] public AlbumDto? Album { get; set; }
    [JsonPropertyName("show")] public ShowDto? Show { get; set; }
    [JsonPropertyName("release_date")] public string? ReleaseDate { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

internal sealed class UserRefDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
}

internal sealed class UserDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("display_name")] public string? DisplayName { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("followers")] public FollowersDto? Followers { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

/// <summary>The `items` (2026) or `tracks` (legacy) member of a playlist: a {href,total} ref or a whole page.</summary>
internal sealed class PlaylistItemsRefDto
{
    [JsonPropertyName("href")] public string? Href { get; set; }
    [JsonPropertyName("total")] public int? Total { get; set; }
}

internal sealed class PlaylistDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("owner")] public UserRefDto? Owner { get; set; }
    [JsonPropertyName("public")] public bool? Public { get; set; }
    [JsonPropertyName("collaborative")] public bool? Collaborative { get; set; }
    [JsonPropertyName("snapshot_id")] public string? SnapshotId { get; set; }
    [JsonPropertyName("items")] public PlaylistItemsRefDto? Items { get; set; }
    [JsonPropertyName("tracks")] public PlaylistItemsRefDto? Tracks { get; set; }
    [JsonPropertyName("followers")] public FollowersDto? Followers { get; set; }
    [JsonPropertyName("images")] public List<ImageDto?>? Images { get; set; }
}

internal sealed class PlaylistEntryDto
{
    [JsonPropertyName("added_at")] public string? AddedAt { get; set; }
    [JsonPropertyName("added_by")] public UserRefDto? AddedBy { get; set; }
    [JsonPropertyName("is_local")] public bool? IsLocal { get; set; }
    [JsonPropertyName("item")] public JsonElement? Item { get; set; }
    [JsonPropertyName("track")] public JsonElement? Track { get; set; }
}

/// <summary>SavedTrack/Album/Show/EpisodeObject: one of the members is set.</summary>
internal sealed class SavedDto
{
    [JsonPropertyName("added_at")] public string? AddedAt { get; set; }
    [JsonPropertyName("track")] public JsonElement? Track { get; set; }
    [JsonPropertyName("album")] public JsonElement? Album { get; set; }
    [JsonPropertyName("show")] public JsonElement? Show { get; set; }
    [JsonPropertyName("episode")] public JsonElement? Episode { get; set; }
}

internal sealed class ContextDto
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("uri")] public string? Uri { get; set; }
}

internal sealed class PlayHistoryDto
{
    [JsonPropertyName("track")] public JsonElement? Track { get; set; }
    [JsonPropertyName("played_at")] public string? PlayedAt { get; set; }
    [JsonPropertyName("context")] public ContextDto? Context { get; set; }
}

internal sealed class CursorsDto
{
    // Documented as strings; read numbers too, recently-played cursors are millisecond timestamps.
    [JsonPropertyName("after")] public JsonElement? After { get; set; }
    [JsonPropertyName("before")] public JsonElement? Before { get; set; }
}

/// <summary>A paging or cursor-paging object; items stay raw (they may be null).</summary>
internal sealed class PageDto
{
    [JsonPropertyName("href")] public string? Href { get; set; }
    [JsonPropertyName("items")] public List<JsonElement>? Items { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
    [JsonPropertyName("offset")] public int? Offset { get; set; }
    [JsonPropertyName("total")] public int? Total { get; set; }
    [JsonPropertyName("next")] public string? Next { get; set; }
    [JsonPropertyName("previous")] public string? Previous { get; set; }
    [JsonPropertyName("cursors")] public CursorsDto? Cursors { get; set; }
}

/// <summary>/me/following wraps its cursor page in `artists`.</summary>
internal sealed class FollowedArtistsDto
{
    [JsonPropertyName("artists")] public PageDto? Artists { get; set; }
}

internal sealed class AudioFeaturesDto
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

/// <summary>
/// Both error shapes: the Web API's {"error":{"status","message"}} (error is an object) and the accounts service's
/// OAuth {"error":"invalid_grant","error_description":"..."} (error is a string).
/// </summary>
internal sealed class ErrorEnvelopeDto
{
    [JsonPropertyName("error")] public JsonElement? Error { get; set; }
    [JsonPropertyName("error_description")] public string? ErrorDescription { get; set; }
}

internal sealed class ApiErrorDto
{
    [JsonPropertyName("status")] public int? Status { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("reason")] public string? Reason { get; set; }
}

internal sealed class TokenResponseDto
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; set; }
    [JsonPropertyName("token_type")] public string? TokenType { get; set; }
    [JsonPropertyName("scope")] public string? Scope { get; set; }
    [JsonPropertyName("expires_in")] public int? ExpiresIn { get; set; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; set; }
}

[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(PageDto))]
[JsonSerializable(typeof(FollowedArtistsDto))]
[JsonSerializable(typeof(PlayableDto))]
[JsonSerializable(typeof(ArtistDto))]
[JsonSerializable(typeof(AlbumDto))]
[JsonSerializable(typeof(ShowDto))]
[JsonSerializable(typeof(UserDto))]
[JsonSerializable(typeof(PlaylistDto))]
[JsonSerializable(typeof(PlaylistEntryDto))]
[JsonSerializable(typeof(SavedDto))]
[JsonSerializable(typeof(PlayHistoryDto))]
[JsonSerializable(typeof(AudioFeaturesDto))]
[JsonSerializable(typeof(List<ImageDto?>))]
[JsonSerializable(typeof(ErrorEnvelopeDto))]
[JsonSerializable(typeof(ApiErrorDto))]
[JsonSerializable(typeof(TokenResponseDto))]
internal sealed partial class SpotifyJsonContext : JsonSerializerContext
{
}
