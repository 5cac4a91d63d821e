namespace MusiVault;

/// <summary>
/// One item of the library as <c>Get-VaultTrack</c> reports it: a track, a podcast episode or a local file. With
/// <c>-Playlist</c> it is one entry of that playlist (Playlist and Position set); entries whose item Spotify no
/// longer returns are reported with their last known data and IsAvailable = false.
/// </summary>
public sealed class VaultTrack : IVaultObject
{
    /// <summary>Spotify id; null for local files.</summary>
    public string? Id { get; set; }
    public string? Uri { get; set; }
    public string Name { get; set; } = "";
    public VaultNameList Artists { get; set; } = VaultNameList.None;
    public string ArtistNames { get; set; } = "";
    public string? Album { get; set; }
    public string? AlbumId { get; set; }
    public string? ReleaseDate { get; set; }
    public long DurationMs { get; set; }
    /// <summary>The track's length. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan DurationValue { get; set; }
    public bool Explicit { get; set; }
    public string? Isrc { get; set; }
    /// <summary>When it was liked or, with -Playlist, added to the playlist (UTC).</summary>
    public DateTimeOffset? AddedAt { get; set; }
    public string? AddedBy { get; set; }
    /// <summary>track, episode or local.</summary>
    public string Type { get; set; } = "track";
    public bool IsLocal { get; set; }
    public bool IsAvailable { get; set; } = true;
    /// <summary>When it left your Liked Songs (UTC); null while it is still there or was never liked.</summary>
    public DateTimeOffset? RemovedAt { get; set; }
    /// <summary>With -Playlist: the playlist's name.</summary>
    public string? Playlist { get; set; }
    /// <summary>With -Playlist: the 0-based position in the playlist.</summary>
    public int? Position { get; set; }
}
