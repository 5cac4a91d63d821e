using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Drive;

namespace MusiVault.Commands;

/// <summary>Forgets a stored Google Drive authorisation; the profile's Spotify connection stays.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "GoogleDrive", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class DisconnectGoogleDriveCommand : MusiVaultCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string Profile { get; set; } = GoogleDriveConnections.DefaultProfile;

    protected override void ProcessRecord()
    {
        var profile = Profile;
        if (!TryRun(() => GoogleDriveConnections.Get(profile), out _))
        {
            return;
        }
        if (!ShouldProcess($"Google Drive connection '{profile}'", "Forget the stored authorisation"))
        {
            return;
        }
        if (TryRun(() => { GoogleDriveConnections.Remove(profile); return true; }, out _))
        {
            WriteVerbose($"Forgot the Google Drive connection '{profile}'. To revoke MusiVault's access entirely, remove it at https://myaccount.google.com/permissions.");
        }
    }
}
