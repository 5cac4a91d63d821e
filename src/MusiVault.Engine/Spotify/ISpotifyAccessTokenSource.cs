namespace MusiVault.Engine.Spotify;

/// <summary>Where a <see cref="SpotifyClient"/> gets its bearer token (a stored session; tests give it a fixed token).</summary>
internal interface ISpotifyAccessTokenSource
{
    /// <summary>A token believed valid now (refreshed first when it is about to expire).</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after the API answered 401 to <paramref name="rejectedToken"/>. Returns a new token; when another caller
    /// already replaced that token, returns the replacement without refreshing again.
    /// </summary>
    Task<string> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken);
}
