namespace MusiVault;

/// <summary>What <c>Get-VaultInfo</c> reports about one vault file.</summary>
public sealed class VaultInfo
{
    public string Path { get; set; } = "";
    public int SchemaVersion { get; set; }
    public string SqliteVersion { get; set; } = "";
    public long SizeBytes { get; set; }
}
