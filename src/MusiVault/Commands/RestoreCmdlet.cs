using MusiVault.Engine.Restore;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Commands;

/// <summary>The shared tail of the Restore-* cmdlets: ShouldProcess, the user check, the writes, the result.</summary>
public abstract class RestoreCmdlet : VaultCmdlet
{
    private protected void Restore(RestorePlan plan, string vault, string? profile, string action, string target)
    {
        if (!ShouldProcess(target, action))
        {
            WriteObject(plan.Preview());
            return;
        }
        using var pump = new EnginePump();
        if (TryRun(() => pump.Execute(async cancellationToken =>
        {
            using var session = await SpotifySession.OpenAsync(profile, null, cancellationToken);
            return await SpotifyRestore.ExecuteAsync(session.Client, session.Connection, vault, plan, message => pump.Post(() => WriteWarning(message)), cancellationToken);
        }, CancellationToken), out var result))
        {
            WriteObject(result);
        }
    }
}
