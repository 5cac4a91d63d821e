namespace MusiVault.Engine.Spotify;

/// <summary>Where a <see cref="SpotifyClient"/> gets its bearer token (a stored session, or a fixed token in tests).</summary>
public interface ISpotifyAccessTokenSource
{
    /// <summary>A token believed valid now (refreshed first when it is about to expire).</summary>
    Task<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called after the API answered 401 to <paramref name="rejectedToken"/>. Returns a new token; when another caller
    /// already replaced that token, returns the replacement without refreshing again.
    /// </summary>
    Task<string> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken);
}

/// <summary>A token that never changes (tests, one-off calls right after a token exchange).</summary>
public sealed class FixedAccessTokenSource(string accessToken) : ISpotifyAccessTokenSource
{
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(accessToken);

    public Task<string> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        throw new MusiVaultException("SpotifyUnauthorized", ErrorKind.AuthenticationError,
            "Spotify rejected the access token and this connection cannot refresh it. Run Connect-Spotify again.");
}
