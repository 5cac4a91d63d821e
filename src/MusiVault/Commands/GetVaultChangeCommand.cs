using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultChange")]
[OutputType(typeof(VaultChange))]
public sealed class GetVaultChangeCommand : VaultQueryCmdlet
{
    [Parameter]
    public DateTime? Since { get; set; }

    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultChangeKindCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Kind { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? EntityType { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void EndProcessing() =>
        WriteEach(() => Queries.Changes(new ChangeQuery { Since = Since, Kinds = Kind, EntityTypes = EntityType, First = First }));
}
