using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Drive;

namespace MusiVault.Commands;

/// <summary>Shows the stored Google Drive authorisations (no secret): all profiles, or the ones named.</summary>
[Cmdlet(VerbsCommon.Get, "GoogleDriveConnection")]
[OutputType(typeof(GoogleDriveConnection))]
public sealed class GetGoogleDriveConnectionCommand : MusiVaultCmdlet
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string[]? Profile { get; set; }

    protected override void ProcessRecord()
    {
        if (Profile is null)
        {
            if (TryRun(() => GoogleDriveConnections.List(), out var all))
            {
                WriteObject(all, enumerateCollection: true);
            }
            return;
        }
        foreach (var profile in Profile)
        {
            if (TryRun(() => GoogleDriveConnections.Get(profile), out var connection))
            {
                WriteObject(connection);
            }
        }
    }
}
