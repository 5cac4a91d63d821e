namespace MusiVault;

/// <summary>A stored Google Drive authorisation (Connect-GoogleDrive). Holds no secret.</summary>
public sealed class GoogleDriveConnection
{
    public string Profile { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string Scope { get; set; } = "";
    public bool AppDataFolder { get; set; }
    public DateTimeOffset ConnectedAt { get; set; }
}
