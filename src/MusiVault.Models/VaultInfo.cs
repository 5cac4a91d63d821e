namespace MusiVault;

/// <summary>What <c>Get-VaultInfo</c> reports about one vault file.</summary>
public sealed class VaultInfo : IVaultObject
{
    public string Path { get; set; } = "";
    public int SchemaVersion { get; set; }
    public string SqliteVersion { get; set; } = "";
    public long SizeBytes { get; set; }

    // What the vault holds now (removed, unliked and deleted rows are history, not counted here).
    public long Tracks { get; set; }
    public long LikedTracks { get; set; }
    public long Playlists { get; set; }
    public long PlaylistEntries { get; set; }
    public long Albums { get; set; }
    public long SavedAlbums { get; set; }
    public long Artists { get; set; }
    public long FollowedArtists { get; set; }
    public long Shows { get; set; }
    public long SavedShows { get; set; }
    public long Episodes { get; set; }
    public long SavedEpisodes { get; set; }
    public long Plays { get; set; }
    public long Changes { get; set; }
    public long SyncRuns { get; set; }
    public DateTime? LastSyncAt { get; set; }
    public string? LastSyncStatus { get; set; }
}
