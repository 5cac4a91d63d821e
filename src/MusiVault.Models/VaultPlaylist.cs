namespace MusiVault;

/// <summary>A playlist in the vault, as <c>Get-VaultPlaylist</c> reports it.</summary>
public sealed class VaultPlaylist : IVaultObject
{
    public string Id { get; set; } = "";
    /// <summary>
    /// The same value as Id, under a name Get-VaultTrack binds from the pipeline (its -PlaylistId), so that
    /// <c>Get-VaultPlaylist | Get-VaultTrack</c> lists the playlists' entries instead of looking for a track
    /// whose id is the playlist's id.
    /// </summary>
    public string PlaylistId { get; set; } = "";
    public string? Uri { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The owner's display name (their user id when Spotify gave no name).</summary>
    public string? Owner { get; set; }
    public string? OwnerId { get; set; }
    public bool? Public { get; set; }
    public bool Collaborative { get; set; }
    /// <summary>How many entries the playlist has (Spotify's total; the stored entries when that is unknown).</summary>
    public int TrackCount { get; set; }
    /// <summary>Whether Spotify let this app read the entries: true, false (refused), null (never tried).</summary>
    public bool? ItemsAvailable { get; set; }
    public string? SnapshotId { get; set; }
    public int? Followers { get; set; }
    public DateTime? LastChangedAt { get; set; }
    /// <summary>When it stopped being one of your playlists (UTC); null while it is.</summary>
    public DateTime? DeletedAt { get; set; }
}
