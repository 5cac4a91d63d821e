namespace MusiVault;

/// <summary>A podcast show in the vault, as <c>Get-VaultShow</c> reports it.</summary>
public sealed class VaultShow : IVaultObject
{
    public string Id { get; set; } = "";
    public string? Uri { get; set; }
    public string Name { get; set; } = "";
    public string? Publisher { get; set; }
    public string? Description { get; set; }
    public int? TotalEpisodes { get; set; }
    public bool? Explicit { get; set; }
    public bool Saved { get; set; }
    public DateTime? AddedAt { get; set; }
    public DateTime? RemovedAt { get; set; }
}
