namespace MusiVault;

/// <summary>One verified vault backup on Google Drive (Backup-VaultToDrive, Get-VaultBackup).</summary>
public sealed class VaultBackup : IVaultObject
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Bytes stored on Drive (compressed, and encrypted when <see cref="Encrypted"/>).</summary>
    public long SizeBytes { get; set; }
    public bool Encrypted { get; set; }
    /// <summary>SHA-256 (hex) of the plain SQLite database inside the backup.</summary>
    public string Sha256 { get; set; } = "";
    public string VaultId { get; set; } = "";
    public int SchemaVersion { get; set; }
    /// <summary>Rows per table when the backup was taken, as "table=count;table=count" (sorted by table).</summary>
    public string Counts { get; set; } = "";
    public int FormatVersion { get; set; }
    /// <summary>
    /// True once Drive's md5 of the upload matched ours. Only Get-VaultBackup -IncludeUnverified returns false: an upload
    /// whose backup was killed or failed before verification, never restored and removed by -Keep after a grace period.
    /// </summary>
    public bool Verified { get; set; }

    /// <summary>What the backup holds, for a person: "2,012 tracks, 1,500 liked, 20 playlists, ...".</summary>
    public string Contents => BackupContents.Describe(Counts);
}

/// <summary>What Restore-VaultFromDrive wrote.</summary>
public sealed class VaultRestoreResult
{
    public string BackupId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Path { get; set; } = "";
    public long SizeBytes { get; set; }
    public string Sha256 { get; set; } = "";
    public string VaultId { get; set; } = "";
    public string Counts { get; set; } = "";
    /// <summary>The copy kept of the vault file the restore replaced (&lt;vault&gt;.before-restore-&lt;time&gt;); null when none was replaced.</summary>
    public string? PreviousVaultCopy { get; set; }

    /// <summary>What the restored vault holds, for a person.</summary>
    public string Contents => BackupContents.Describe(Counts);
}
