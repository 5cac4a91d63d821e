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
    /// <summary>The episode's length. In PowerShell a TimeSpan (see OutputAdapter); the CLR value is the text CSV and JSON
    /// carry (VaultFormat.DurationData: "00:04:14", "00:03:17.456").</summary>
    public string Duration => VaultFormat.DurationData(DurationValue);
    internal TimeSpan DurationValue { get; set; }
    public bool Explicit { get; set; }
    public bool IsAvailable { get; set; } = true;
    public bool Saved { get; set; }
    public DateTimeOffset? AddedAt { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
}
