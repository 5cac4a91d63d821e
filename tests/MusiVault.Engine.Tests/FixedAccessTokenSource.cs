using MusiVault.Engine.Spotify;

namespace MusiVault.Engine.Tests;

/// <summary>A token that never changes (tests of the client without a stored session).</summary>
internal sealed class FixedAccessTokenSource(string accessToken) : ISpotifyAccessTokenSource
{
    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) => Task.FromResult(accessToken);

    public Task<string> RefreshAfterRejectionAsync(string rejectedToken, CancellationToken cancellationToken) =>
        throw new MusiVaultException("SpotifyUnauthorized", ErrorKind.AuthenticationError,
            "Spotify rejected the access token and this connection cannot refresh it. Run Connect-Spotify again.");
}
