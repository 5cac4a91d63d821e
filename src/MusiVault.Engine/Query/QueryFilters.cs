namespace MusiVault.Engine.Query;

// What each Get-Vault* cmdlet can ask for. String filters are PowerShell wildcard patterns; dates are compared in
// UTC; null means "no filter".

public sealed record TrackQuery
{
    /// <summary>Tracks crediting any of these artists (ids). From a piped artist.</summary>
    public IReadOnlyList<string>? ArtistIds { get; init; }
    /// <summary>Tracks of any of these albums (ids). From a piped album.</summary>
    public IReadOnlyList<string>? AlbumIds { get; init; }
    public string? Name { get; init; }
    public string? Artist { get; init; }
    public string? Album { get; init; }
    /// <summary>A playlist id, URI, open.spotify.com link or name (wildcards allowed): those playlists' entries, position by position.</summary>
    public string? Playlist { get; init; }
    public bool Liked { get; init; }
    public DateTime? AddedAfter { get; init; }
    public DateTime? AddedBefore { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Track ids or URIs. Looks through every item the vault knows, in the library or not.</summary>
    public IReadOnlyList<string>? Ids { get; init; }
    /// <summary>Point in time: the playlist or saved collection as it was at this instant (see AsOfReads).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public int? First { get; init; }
}

public sealed record PlaylistQuery
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public bool Owned { get; init; }
    public bool IncludeDeleted { get; init; }
    public int? First { get; init; }
}

public sealed record AlbumQuery
{
    /// <summary>Albums of any of these tracks (ids or URIs). From a piped track.</summary>
    public IReadOnlyList<string>? TrackIds { get; init; }
    /// <summary>Albums by any of these artists (ids). From a piped artist.</summary>
    public IReadOnlyList<string>? ArtistIds { get; init; }
    public string? Name { get; init; }
    public string? Artist { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public bool Saved { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Point in time: the playlist or saved collection as it was at this instant (see AsOfReads).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public int? First { get; init; }
}

public sealed record ArtistQuery
{
    /// <summary>Artists credited on any of these tracks (ids or URIs). From a piped track.</summary>
    public IReadOnlyList<string>? TrackIds { get; init; }
    /// <summary>Artists of any of these albums (ids). From a piped album.</summary>
    public IReadOnlyList<string>? AlbumIds { get; init; }
    public string? Name { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public bool Followed { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Point in time: the playlist or saved collection as it was at this instant (see AsOfReads).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public int? First { get; init; }
}

public sealed record ShowQuery
{
    public string? Name { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public bool Saved { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Point in time: the playlist or saved collection as it was at this instant (see AsOfReads).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public int? First { get; init; }
}

public sealed record EpisodeQuery
{
    /// <summary>Episodes of any of these shows (ids). From a piped show.</summary>
    public IReadOnlyList<string>? ShowIds { get; init; }
    public string? Name { get; init; }
    public string? Show { get; init; }
    public IReadOnlyList<string>? Ids { get; init; }
    public bool Saved { get; init; }
    public bool IncludeRemoved { get; init; }
    /// <summary>Point in time: the playlist or saved collection as it was at this instant (see AsOfReads).</summary>
    public DateTimeOffset? AsOf { get; init; }
    public int? First { get; init; }
}

public sealed record TopItemQuery
{
    public VaultTopItemType? Type { get; init; }
    public VaultTimeRange? TimeRange { get; init; }
}

public sealed record PlayQuery
{
    public DateTime? After { get; init; }
    public DateTime? Before { get; init; }
    public string? Name { get; init; }
    public int? First { get; init; }
}

public sealed record ChangeQuery
{
    public DateTime? Since { get; init; }
    /// <summary>Kinds as wildcard patterns; a change matches when its kind matches any of them.</summary>
    public IReadOnlyList<string>? Kinds { get; init; }
    public IReadOnlyList<string>? EntityTypes { get; init; }
    public int? First { get; init; }
}
