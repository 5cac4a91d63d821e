using System.Management.Automation;
using MusiVault.Engine.Vault;

namespace MusiVault.Commands;

/// <summary>
/// Runs SQLite's integrity and foreign-key checks on a vault and reports its content fingerprint. A damaged file is
/// a result (IsValid = $false, Problems listed), not an error; only a path with no file is an error (VaultNotFound).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VaultIntegrity", SupportsShouldProcess = true)]
[OutputType(typeof(VaultIntegrity))]
public sealed class TestVaultIntegrityCommand : VaultCmdlet
{
    /// <summary>Rebuild the indexes (REINDEX) first when they are all the damage there is; then check.</summary>
    [Parameter]
    public SwitchParameter Repair { get; set; }

    protected override void EndProcessing()
    {
        var path = VaultPath;
        if (Repair && ShouldProcess(path, "Rebuild the vault's indexes (REINDEX)")
            && !TryRun(() => VaultIntegrityCheck.Repair(path), out _))
        {
            return;
        }
        if (TryRun(() => VaultIntegrityCheck.Check(path), out var result))
        {
            WriteObject(result);
        }
    }
}
