using System.Management.Automation;
using MusiVault.Engine.Vault;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultInfo")]
[OutputType(typeof(VaultInfo))]
public sealed class GetVaultInfoCommand : VaultCmdlet
{
    protected override void EndProcessing()
    {
        var path = VaultPath;
        WriteObject(Run(() => VaultInfoReader.Read(path)));
    }
}
