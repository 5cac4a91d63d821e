namespace MusiVault;

/// <summary>A stored Spotify login: what Connect-Spotify and Get-SpotifyConnection return. Holds no token.</summary>
public sealed class SpotifyConnection
{
    public string Profile { get; set; } = "default";
    public string? UserId { get; set; }
    public string? DisplayName { get; set; }
    public string? ClientId { get; set; }
    /// <summary>The scopes Spotify granted.</summary>
    public string[] Scopes { get; set; } = [];
    /// <summary>When the user logged in (or imported the refresh token).</summary>
    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    /// <summary>Six months after the login (Spotify's rule); run Connect-Spotify again before then.</summary>
    public DateTimeOffset RefreshTokenExpiresAt { get; set; }
    /// <summary>True when under 14 days of the refresh token's life remain.</summary>
    public bool RefreshTokenExpiresSoon { get; set; }
}
