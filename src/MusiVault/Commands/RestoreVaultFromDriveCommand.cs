using System.Management.Automation.Host;
using System.Management.Automation;
using System.Security;
using MusiVault.Completers;
using MusiVault.Engine.Backup;
using MusiVault.Engine.Configuration;
using MusiVault.Engine.Drive;
using MusiVault.Engine;

namespace MusiVault.Commands;

[Cmdlet(VerbsData.Restore, "VaultFromDrive", SupportsShouldProcess = true, DefaultParameterSetName = LatestSet, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VaultRestoreResult))]
public sealed class RestoreVaultFromDriveCommand : MusiVaultCmdlet
{
    private const string LatestSet = "Latest";
    private const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(BackupIdCompleter))]
    public string? Id { get; set; }

    [Parameter(ParameterSetName = LatestSet)]
    public SwitchParameter Latest { get; set; }

    /// <summary>Where to write the vault; default: the vault (MUSIVAULT_VAULT, else &lt;home&gt;/vault.db).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Destination { get; set; }

    [Parameter]
    public SecureString? Passphrase { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Folder { get; set; } = "MusiVault";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(DriveProfileCompleter))]
    public string Profile { get; set; } = GoogleDriveConnections.DefaultProfile;

    private DriveBackupService? _service;

    protected override void ProcessRecord()
    {
        _service ??= Run(() => DriveBackupService.Open(new DriveBackupOptions { Profile = Profile, Folder = Folder }));
        var service = _service;
        var id = ParameterSetName == IdSet ? Id : null;
        using var findPump = new EnginePump();
        var backup = Run(() => findPump.Execute(token => service.FindAsync(id, token), CancellationToken));
        var destination = string.IsNullOrEmpty(Destination)
            ? MusiVaultPaths.DefaultVault
            : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
        var description = $"Restore the backup '{backup.Name}' of {backup.CreatedAt:u}";
        if (!ShouldProcess(destination, description))
        {
            return;
        }
        var exists = File.Exists(destination);
        if (exists && !Force && !Confirmed(destination, backup))
        {
            ThrowTerminatingError(ToErrorRecord(new MusiVaultException("RestoreDestinationExists", ErrorKind.ResourceUnavailable,
                $"'{destination}' exists and was not replaced. Use -Force to replace it.", destination)));
        }

        using var pump = new EnginePump();
        service.Log = line => pump.Post(() => WriteVerbose(line));
        var progress = new TransferProgressWriter(this, pump, "Restoring the vault from Google Drive");
        var passphrase = Passphrases.ToChars(Passphrase);
        try
        {
            var result = Run(() => pump.Execute(token => service.RestoreAsync(backup, destination, exists, passphrase, progress, token), CancellationToken));
            if (result.PreviousVaultCopy is { } previous)
            {
                WriteWarning($"The vault that was at '{destination}' is kept as '{previous}'.");
            }
            WriteObject(result);
        }
        finally
        {
            Passphrases.Clear(passphrase);
            progress.Complete();
        }
    }

    protected override void EndProcessing() => _service?.Dispose();

    private bool Confirmed(string destination, VaultBackup backup)
    {
        try
        {
            return ShouldContinue($"'{destination}' exists. Replace it with the backup '{backup.Name}' of {backup.CreatedAt:u}?", "Replace the vault");
        }
        catch (Exception ex) when (ex is PSInvalidOperationException or HostException or NotImplementedException)
        {
            // A non-interactive host cannot ask: that is a no.
            return false;
        }
    }
}
