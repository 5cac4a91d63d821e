using MusiVault.Engine.Spotify.Auth;
using MusiVault.Engine.Vault;

namespace MusiVault.Engine.Sync;

/// <summary>
/// What a sync does before it writes anything, even its lock file: it renews the login, so that a revoked one fails
/// here and an unattended run leaves no trace (one token request per run), and at the same time checks an existing
/// vault on a read-only connection, so that a damaged one is refused, never added to (issue 12). The two overlap: the
/// check costs ~0.25 s on a 60 MB vault, the token request a round trip.
/// </summary>
internal static class SyncPreflight
{
    /// <returns>Which check the vault passed; null when it could not be checked yet (see VaultSession.CheckExisting).</returns>
    public static async Task<IntegrityCheckKind?> RunAsync(SpotifySession? session, string vaultPath, bool full,
        ISyncObserver observer, CancellationToken cancellationToken)
    {
        var check = Task.Run(() => VaultSession.CheckExisting(vaultPath, thorough: full), cancellationToken);
        try
        {
            await RenewLoginAsync(session, observer, cancellationToken);
        }
        catch
        {
            await Task.WhenAny(check);
            _ = check.Exception; // the login's failure is the one to report
            throw;
        }
        return await check;
    }

    /// <summary>Without a session (tests that hand the engine a client) there is nothing to renew.</summary>
    private static async Task RenewLoginAsync(SpotifySession? session, ISyncObserver observer, CancellationToken cancellationToken)
    {
        if (session is null)
        {
            return;
        }
        await session.ForceRefreshAsync(cancellationToken);
        if (session.RefreshTokenExpiresSoon)
        {
            observer.Warning($"The Spotify login of profile '{session.Profile}' expires on {session.RefreshTokenExpiresAt:yyyy-MM-dd}. Run Connect-Spotify again before then.");
        }
    }
}
