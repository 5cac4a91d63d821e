namespace MusiVault;

/// <summary>An artist in the vault (followed, or seen on a track or album), as <c>Get-VaultArtist</c> reports it.</summary>
public sealed class VaultArtist : IVaultObject
{
    public string Id { get; set; } = "";
    public string? Uri { get; set; }
    public string Name { get; set; } = "";
    public VaultNameList Genres { get; set; } = VaultNameList.None;
    public long? Followers { get; set; }
    /// <summary>Whether you follow the artist now.</summary>
    public bool Followed { get; set; }
    /// <summary>When the vault first saw you following the artist (Spotify gives no date).</summary>
    public DateTime? FollowedAt { get; set; }
    /// <summary>When you stopped following the artist (UTC).</summary>
    public DateTime? RemovedAt { get; set; }
    /// <summary>How many items in the vault credit this artist.</summary>
    public int TrackCount { get; set; }
}
