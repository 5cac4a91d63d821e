using System.Management.Automation;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultInfo")]
[OutputType(typeof(VaultInfo))]
public sealed class GetVaultInfoCommand : VaultQueryCmdlet
{
    protected override void EndProcessing()
    {
        var queries = Queries;
        if (TryRun(queries.Info, out var info))
        {
            WriteObject(info);
        }
    }
}
