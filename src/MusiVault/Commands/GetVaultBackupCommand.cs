using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Drive;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultBackup")]
[OutputType(typeof(VaultBackup))]
public sealed class GetVaultBackupCommand : MusiVaultCmdlet
{
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Folder { get; set; } = "MusiVault";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string Profile { get; set; } = GoogleProfile.DefaultProfile;

    /// <summary>Also the uploads of backups that never completed verification (Verified = false).</summary>
    [Parameter]
    public SwitchParameter IncludeUnverified { get; set; }

    protected override void EndProcessing()
    {
#pragma warning disable CA2000 // owned by the using declaration right after; nothing runs between
        if (!TryRun(() => DriveBackupService.Open(new DriveBackupOptions { Profile = Profile, Folder = Folder }), out var opened))
        {
            return;
        }
        using var service = opened;
#pragma warning restore CA2000
        using var pump = new EnginePump();
        // Each page is written as it arrives rather than after the whole listing.
        TryRun(() => pump.Execute(async token =>
        {
            await foreach (var backup in service.ListAsync(IncludeUnverified, token))
            {
                pump.Post(() => WriteObject(backup));
            }
            return true;
        }, CancellationToken), out _);
    }
}
