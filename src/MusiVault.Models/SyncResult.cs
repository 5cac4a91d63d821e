namespace MusiVault;

/// <summary>What one Sync-SpotifyLibrary run did: totals first (CSV-friendly), then one row per collection.</summary>
public sealed class SyncResult : IVaultObject
{
    public long RunId { get; set; }
    public string Vault { get; set; } = "";
    public string Status { get; set; } = "";
    public bool Full { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset EndedAt { get; set; }
    /// <summary>How long the run took. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan DurationValue { get; set; }
    public int Added { get; set; }
    public int Removed { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public long Requests { get; set; }
    public long Throttled { get; set; }
    public string[] Warnings { get; set; } = [];
    public SyncCollectionResult[] Collections { get; set; } = [];
}

public sealed class SyncCollectionResult
{
    public string Collection { get; set; } = "";
    public int Added { get; set; }
    public int Removed { get; set; }
    public int Changed { get; set; }
    public int Unchanged { get; set; }
    public long Requests { get; set; }
    public long Throttled { get; set; }
    /// <summary>How long this collection took. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan DurationValue { get; set; }
    public bool Skipped { get; set; }
    public string[] Warnings { get; set; } = [];
}
