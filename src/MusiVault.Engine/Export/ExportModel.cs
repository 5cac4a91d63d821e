namespace MusiVault.Engine.Export;

/// <summary>The file formats Export-VaultPlaylist writes; each has one writer in this folder.</summary>
internal enum ExportFormat
{
    ExportifyCsv,
    M3u,
    Xspf,
    Json,
}

/// <summary>What an entry of a playlist holds, as far as the vault knows.</summary>
internal enum ExportItemKind
{
    Track,
    Episode,
    LocalFile,

    /// <summary>Spotify never returned an item for this entry and the vault has nothing about it.</summary>
    Unknown,
}

/// <summary>One credited artist: names and URIs stay paired and in credited order.</summary>
internal readonly record struct ExportArtist(string Name, string? Uri);

/// <summary>
/// The playlist an export file describes. Writers are pure: every value they print comes from here or from the
/// entries (no clock, no culture), so the same input gives the same bytes.
/// </summary>
internal sealed record ExportPlaylist
{
    public required string Name { get; init; }

    /// <summary>Spotify playlist id; null for Liked Songs.</summary>
    public string? Id { get; init; }

    public string? Uri { get; init; }

    public string? OwnerId { get; init; }

    public string? OwnerName { get; init; }

    public string? Description { get; init; }

    /// <summary>The moment whose state is exported; null for the current state.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>When the export was made (XSPF's date when AsOf is null); null leaves it out.</summary>
    public DateTimeOffset? ExportedAt { get; init; }

    /// <summary>Where the entries come from: "playlist" or "Liked Songs".</summary>
    public string Source { get; init; } = "playlist";

    /// <summary>The playlist object as Spotify sent it (without its items), copied into the Json format.</summary>
    public string? RawJson { get; init; }

    /// <summary>
    /// Whether Spotify let this app read the entries (null: never tried). Writers ignore it; the export warns that
    /// a refused playlist's file has no entries rather than pretending it is empty.
    /// </summary>
    public bool? ItemsAvailable { get; init; }
}

/// <summary>
/// One entry of the playlist with what the vault knows about its item. Everything but Position and Kind may be
/// missing: local files have no ids, vanished items keep only their last known data, and an entry whose item was
/// never known has nothing but its position.
/// </summary>
internal sealed record ExportEntry
{
    /// <summary>0-based position in the playlist (or in Liked Songs).</summary>
    public int Position { get; init; }

    public ExportItemKind Kind { get; init; }

    /// <summary>spotify:track:…, spotify:episode:… or spotify:local:…</summary>
    public string? Uri { get; init; }

    /// <summary>Spotify id; null for local files.</summary>
    public string? Id { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<ExportArtist> Artists { get; init; } = [];

    public string? AlbumUri { get; init; }

    public string? AlbumName { get; init; }

    public string? AlbumReleaseDate { get; init; }

    public string? AlbumImageUrl { get; init; }

    public IReadOnlyList<ExportArtist> AlbumArtists { get; init; } = [];

    /// <summary>For episodes: the show, which formats without an episode notion print as artist and album.</summary>
    public string? ShowUri { get; init; }

    public string? ShowName { get; init; }

    public int? DiscNumber { get; init; }

    public int? TrackNumber { get; init; }

    public long? DurationMs { get; init; }

    public bool? Explicit { get; init; }

    public string? Isrc { get; init; }

    /// <summary>Spotify user id of who added the entry; null when Spotify did not say (Liked Songs, old entries).</summary>
    public string? AddedBy { get; init; }

    public DateTimeOffset? AddedAt { get; init; }

    public bool IsLocal { get; init; }

    public string? LocalName { get; init; }

    public string? LocalArtist { get; init; }

    public string? LocalAlbum { get; init; }

    public long? LocalDurationMs { get; init; }

    /// <summary>False when Spotify now returns no item here; the entry then carries its last known data.</summary>
    public bool IsAvailable { get; init; } = true;

    /// <summary>Set only with -IncludeRemoved: when the entry left the playlist.</summary>
    public DateTimeOffset? RemovedAt { get; init; }

    /// <summary>The item object (track or episode) as stored, copied verbatim into the Json format.</summary>
    public string? RawJson { get; init; }
}
