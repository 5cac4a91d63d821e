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
}
