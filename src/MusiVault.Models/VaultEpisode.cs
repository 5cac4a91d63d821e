namespace MusiVault;

/// <summary>A podcast episode in the vault, as <c>Get-VaultEpisode</c> reports it.</summary>
public sealed class VaultEpisode : IVaultObject
{
    public string? Id { get; set; }
    public string Uri { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Show { get; set; }
    public string? ShowId { get; set; }
    public string? ReleaseDate { get; set; }
    public long DurationMs { get; set; }
    public TimeSpan Duration { get; set; }
    public bool Explicit { get; set; }
    public bool IsAvailable { get; set; } = true;
    public bool Saved { get; set; }
    public DateTime? AddedAt { get; set; }
    public DateTime? RemovedAt { get; set; }
}
