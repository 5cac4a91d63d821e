using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultTopItem")]
[OutputType(typeof(VaultTopItem))]
public sealed class GetVaultTopItemCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    public VaultTopItemType? Type { get; set; }

    [Parameter(Position = 1)]
    public VaultTimeRange? TimeRange { get; set; }

    protected override void EndProcessing() =>
        WriteEach(() => Queries.TopItems(new TopItemQuery { Type = Type, TimeRange = TimeRange }));
}
