using System.Management.Automation;
using System.Security;
using MusiVault.Completers;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Drive;

namespace MusiVault.Commands;

[Cmdlet(VerbsData.Backup, "VaultToDrive", SupportsShouldProcess = true)]
[OutputType(typeof(VaultBackup))]
public sealed class BackupVaultToDriveCommand : VaultCmdlet
{
    /// <summary>The Drive folder that holds the backups; created when missing.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Folder { get; set; } = "MusiVault";

    /// <summary>Keep this many backups of this vault (the new one included); older ones are deleted.</summary>
    [Parameter]
    [ValidateRange(1, 100000)]
    public int? Keep { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string Profile { get; set; } = GoogleDriveConnections.DefaultProfile;

    protected override void EndProcessing()
    {
        var vault = VaultPath;
        if (!ShouldProcess(vault, $"Back up to the Google Drive folder '{Folder}'{(Passphrase is null ? "" : ", encrypted")}"))
        {
            return;
        }
#pragma warning disable CA2000 // owned by the using declaration right after; nothing runs between
        if (!TryRun(() => DriveBackupService.Open(new DriveBackupOptions { Profile = Profile, Folder = Folder }), out var opened))
        {
            return;
        }
        using var service = opened;
#pragma warning restore CA2000
        using var pump = new EnginePump();
        service.Log = line => pump.Post(() => WriteVerbose(line));
        var progress = new TransferProgressWriter(this, pump, "Backing up the vault to Google Drive");
        var keep = Keep;
        var passphrase = Passphrases.ToChars(Passphrase);
        try
        {
            if (TryRun(() => pump.Execute(token => service.BackupAsync(vault, passphrase, keep, progress, token), CancellationToken), out var backup))
            {
                WriteObject(backup);
            }
        }
        finally
        {
            Passphrases.Clear(passphrase);
            progress.Complete();
        }
    }
}
