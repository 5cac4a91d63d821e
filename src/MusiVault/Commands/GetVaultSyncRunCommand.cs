using System.Management.Automation;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultSyncRun")]
[OutputType(typeof(SyncRun))]
public sealed class GetVaultSyncRunCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [ValidateRange(1, int.MaxValue)]
    public int? Last { get; set; }

    protected override void EndProcessing() => WriteEach(() => Queries.SyncRuns(Last));
}
