using System.Management.Automation;
using MusiVault.Engine.Vault;

namespace MusiVault.Commands;

/// <summary>Runs SQLite's integrity and foreign-key checks on a vault and reports its content fingerprint.</summary>
[Cmdlet(VerbsDiagnostic.Test, "VaultIntegrity")]
[OutputType(typeof(VaultIntegrity))]
public sealed class TestVaultIntegrityCommand : VaultCmdlet
{
    protected override void EndProcessing()
    {
        var path = VaultPath;
        var result = Run(() =>
        {
            var problems = VaultFingerprint.IntegrityCheck(path);
            var valid = problems.Count == 1 && problems[0] == "ok";
            return new VaultIntegrity
            {
                Path = path,
                IsValid = valid,
                Problems = valid ? [] : problems.ToArray(),
                Fingerprint = valid ? VaultFingerprint.Compute(path) : "",
            };
        });
        WriteObject(result);
    }
}
