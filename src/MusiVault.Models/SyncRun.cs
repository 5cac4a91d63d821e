namespace MusiVault;

/// <summary>One run of Sync-SpotifyLibrary as recorded in the vault, as <c>Get-VaultSyncRun</c> reports it.</summary>
public sealed class SyncRun : IVaultObject
{
    public long Id { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public TimeSpan? Duration { get; set; }
    /// <summary>running, succeeded, failed or cancelled.</summary>
    public string Status { get; set; } = "";
    public bool Full { get; set; }
    public int Requests { get; set; }
    /// <summary>How many requests Spotify answered with 429.</summary>
    public int Throttled { get; set; }
    /// <summary>Per-collection counts as the sync stored them (JSON).</summary>
    public string? Collections { get; set; }
    public VaultNameList Warnings { get; set; } = VaultNameList.None;
    public int WarningCount { get; set; }
    public string? Error { get; set; }
}
