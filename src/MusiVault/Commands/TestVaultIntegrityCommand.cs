using System.Management.Automation;
using MusiVault.Engine.Vault;

namespace MusiVault.Commands;

/// <summary>
/// Runs SQLite's integrity and foreign-key checks on a vault and reports its content fingerprint. A damaged file is
/// a result (IsValid = $false, Problems listed), not an error; only a path with no file is an error (VaultNotFound).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "VaultIntegrity")]
[OutputType(typeof(VaultIntegrity))]
public sealed class TestVaultIntegrityCommand : VaultCmdlet
{
    protected override void EndProcessing()
    {
        var path = VaultPath;
        if (TryRun(() => VaultIntegrityCheck.Check(path), out var result))
        {
            WriteObject(result);
        }
    }
}
