namespace MusiVault.Engine.Spotify;

// The engine's model of what the Spotify Web API returns, independent of the wire shape: the 2026 shapes
// (`items`/`item`) and the legacy ones (`tracks`/`track`) map to the same objects. Every entity keeps the raw JSON
// object it was parsed from, so the vault can keep fields we do not map (or that Spotify later drops).
// The JSON DTOs and the mapping live in the client; these types are what the sync and the store consume.

internal sealed record SpotifyImage(string Url, int? Width, int? Height);

/// <summary>An artist as embedded in a track or album (id and uri are null for local files).</summary>
internal sealed record SpotifyArtistRef(string? Id, string? Uri, string Name);

/// <summary>An album as embedded in a track.</summary>
internal sealed record SpotifyAlbumRef(
    string? Id,
    string? Uri,
    string Name,
    string? AlbumType,
    string? ReleaseDate,
    string? ReleaseDatePrecision,
    IReadOnlyList<SpotifyArtistRef> Artists,
    IReadOnlyList<SpotifyImage> Images);

/// <summary>A show as embedded in an episode.</summary>
internal sealed record SpotifyShowRef(string? Id, string? Uri, string Name, string? Publisher);

internal enum PlayableKind
{
    Track,
    Episode,
}

/// <summary>
/// A track or an episode: what a playlist entry, a liked song, a saved episode, a top track or a play points at.
/// Local files have <see cref="IsLocal"/> set, a null <see cref="Id"/> and a <c>spotify:local:…</c> URI.
/// </summary>
internal sealed class SpotifyPlayable
{
    public PlayableKind Kind { get; init; }
    public string? Id { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public bool IsLocal { get; init; }
    public long DurationMs { get; init; }
    public bool Explicit { get; init; }
    /// <summary>external_ids.isrc for tracks.</summary>
    public string? Isrc { get; init; }
    public int? DiscNumber { get; init; }
    public int? TrackNumber { get; init; }
    /// <summary>is_playable when the API sends it (market-dependent); null when absent.</summary>
    public bool? IsPlayable { get; init; }
    /// <summary>Tracks: the artists in credited order. Episodes: empty.</summary>
    public IReadOnlyList<SpotifyArtistRef> Artists { get; init; } = [];
    /// <summary>Tracks only.</summary>
    public SpotifyAlbumRef? Album { get; init; }
    /// <summary>Episodes only.</summary>
    public SpotifyShowRef? Show { get; init; }
    /// <summary>Episodes: release_date of the episode.</summary>
    public string? ReleaseDate { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    /// <summary>The JSON object this was parsed from, verbatim.</summary>
    public required string RawJson { get; init; }
}

internal sealed class SpotifyArtist
{
    public required string Id { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<string> Genres { get; init; } = [];
    public long? Followers { get; init; }
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    public required string RawJson { get; init; }
}

internal sealed class SpotifyAlbum
{
    public required string Id { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public string? AlbumType { get; init; }
    public string? ReleaseDate { get; init; }
    public string? ReleaseDatePrecision { get; init; }
    public int? TotalTracks { get; init; }
    public string? Label { get; init; }
    public string? Upc { get; init; }
    public IReadOnlyList<SpotifyArtistRef> Artists { get; init; } = [];
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    public required string RawJson { get; init; }
}

internal sealed class SpotifyShow
{
    public required string Id { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public string? Publisher { get; init; }
    public string? Description { get; init; }
    public int? TotalEpisodes { get; init; }
    public bool Explicit { get; init; }
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    public required string RawJson { get; init; }
}

internal sealed class SpotifyPlaylist
{
    public required string Id { get; init; }
    public required string Uri { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? OwnerId { get; init; }
    public string? OwnerName { get; init; }
    /// <summary>null when the API sends null (the documented "not relevant" value).</summary>
    public bool? Public { get; init; }
    public bool Collaborative { get; init; }
    public string? SnapshotId { get; init; }
    /// <summary>items.total (2026) or tracks.total (legacy); a hint only, never trusted for paging.</summary>
    public int? ItemsTotal { get; init; }
    public long? Followers { get; init; }
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    public required string RawJson { get; init; }
}

/// <summary>One position of a playlist. <see cref="Item"/> is null when Spotify returns a null item/track.</summary>
internal sealed class SpotifyPlaylistEntry
{
    public DateTimeOffset? AddedAt { get; init; }
    /// <summary>null or empty when Spotify does not say (old entries, some local files).</summary>
    public string? AddedBy { get; init; }
    public bool IsLocal { get; init; }
    public SpotifyPlayable? Item { get; init; }
}

/// <summary>An entry of a saved collection (liked songs, saved albums/shows/episodes).</summary>
internal sealed class SpotifySaved<T>
    where T : class
{
    public DateTimeOffset? AddedAt { get; init; }
    /// <summary>null when Spotify returns a null entry.</summary>
    public T? Item { get; init; }
}

internal sealed class SpotifyUser
{
    public required string Id { get; init; }
    public string? DisplayName { get; init; }
    public string? Uri { get; init; }
    public long? Followers { get; init; }
    public IReadOnlyList<SpotifyImage> Images { get; init; } = [];
    public required string RawJson { get; init; }
}

internal sealed class SpotifyPlay
{
    public required DateTimeOffset PlayedAt { get; init; }
    public required SpotifyPlayable Track { get; init; }
    public string? ContextType { get; init; }
    public string? ContextUri { get; init; }
}

internal sealed class SpotifyAudioFeatures
{
    public required string Id { get; init; }
    public required string RawJson { get; init; }
}

/// <summary>
/// One page as the API returned it. Offset pages carry <see cref="Offset"/>/<see cref="Total"/>; cursor pages carry
/// <see cref="CursorAfter"/>/<see cref="CursorBefore"/>. <see cref="Next"/> (the API's own next URL) is what says
/// whether more pages exist: <see cref="Total"/> is a hint only.
/// </summary>
internal sealed class SpotifyPage<T>
{
    public required IReadOnlyList<T> Items { get; init; }
    public int Offset { get; init; }
    public int Limit { get; init; }
    public int? Total { get; init; }
    public string? Next { get; init; }
    public string? CursorAfter { get; init; }
    public string? CursorBefore { get; init; }
    public bool HasNext => !string.IsNullOrEmpty(Next);
    /// <summary>
    /// Offset pages: the offset to ask for next (from <see cref="Next"/>, else Offset + <see cref="RawItemCount"/>);
    /// null on the last page. Use this rather than Items.Count: null items the API sent are not in <see cref="Items"/>.
    /// </summary>
    public int? NextOffset { get; init; }
    /// <summary>How many items the API sent, nulls included.</summary>
    public int RawItemCount { get; init; }
}

/// <summary>
/// The result of a call that Spotify may refuse for this app (403 on the items of a playlist the user neither owns
/// nor collaborates on; 403 on audio features for new apps). Not an exception: a sync records it and goes on.
/// </summary>
internal sealed class SpotifyResult<T>
    where T : class
{
    private SpotifyResult(T? value, string? unavailableReason)
    {
        Value = value;
        UnavailableReason = unavailableReason;
    }

    public T? Value { get; }
    public string? UnavailableReason { get; }
    public bool IsAvailable => Value is not null;

    public static SpotifyResult<T> Available(T value) => new(value, null);

    public static SpotifyResult<T> NotAvailable(string reason) => new(null, reason);
}
