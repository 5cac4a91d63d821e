namespace MusiVault;

/// <summary>One run of Sync-SpotifyLibrary as recorded in the vault, as <c>Get-VaultSyncRun</c> reports it.</summary>
public sealed class SyncRun : IVaultObject
{
    public long Id { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>How long the run took; null while it runs. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string? Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan? DurationValue { get; set; }
    /// <summary>running, succeeded, failed or cancelled.</summary>
    public string Status { get; set; } = "";
    public bool Full { get; set; }
    public int Requests { get; set; }
    /// <summary>How many requests Spotify answered with 429.</summary>
    public int Throttled { get; set; }
    /// <summary>Per-collection counts, the same type Sync-SpotifyLibrary returns.</summary>
    public SyncCollectionResult[] Collections { get; set; } = [];
    public VaultNameList Warnings { get; set; } = VaultNameList.None;
    public int WarningCount { get; set; }
    public string? Error { get; set; }
}
