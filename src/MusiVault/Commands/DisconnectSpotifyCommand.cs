using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Spotify.Auth;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "Spotify", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class DisconnectSpotifyCommand : MusiVaultCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileCompleter))]
    public string Profile { get; set; } = SpotifyProfileStore.DefaultProfile;

    protected override void ProcessRecord()
    {
        var store = SpotifyProfileStore.Default;
        var profile = Run(() => SpotifyProfileStore.NormalizeProfile(Profile));
        if (Run(() => store.ReadConnection(profile)) is null && !File.Exists(store.SecretPath(profile)))
        {
            WriteError(new ErrorRecord(new InvalidOperationException($"There is no Spotify connection for profile '{profile}'."),
                "SpotifyNotConnected", ErrorCategory.ObjectNotFound, profile));
            return;
        }
        if (!ShouldProcess($"Spotify connection '{profile}'", "Forget the stored tokens"))
        {
            return;
        }
        Run(() => store.Delete(profile));
        WriteVerbose($"Forgot the Spotify connection '{profile}'. To revoke MusiVault's access entirely, remove the app at https://www.spotify.com/account/apps/.");
    }
}
