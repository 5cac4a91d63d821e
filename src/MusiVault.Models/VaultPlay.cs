namespace MusiVault;

/// <summary>One play from Spotify's recently-played history, as <c>Get-VaultRecentlyPlayed</c> reports it.</summary>
public sealed class VaultPlay : IVaultObject
{
    public DateTime PlayedAt { get; set; }
    public string Name { get; set; } = "";
    public string ArtistNames { get; set; } = "";
    public string? Album { get; set; }
    public string? TrackId { get; set; }
    public string Uri { get; set; } = "";
    public long DurationMs { get; set; }
    /// <summary>What it was played from: playlist, album, artist, show... (null when Spotify gave none).</summary>
    public string? ContextType { get; set; }
    public string? ContextUri { get; set; }
}
