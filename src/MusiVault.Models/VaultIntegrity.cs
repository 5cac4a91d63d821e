namespace MusiVault;

/// <summary>What Test-VaultIntegrity found: SQLite's integrity_check and foreign_key_check.</summary>
public sealed class VaultIntegrity : IVaultObject
{
    public string Path { get; set; } = "";
    public bool IsValid { get; set; }
    public string[] Problems { get; set; } = [];
    public string Fingerprint { get; set; } = "";
}
