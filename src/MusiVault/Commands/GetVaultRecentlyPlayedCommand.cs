using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultRecentlyPlayed")]
[OutputType(typeof(VaultPlay))]
public sealed class GetVaultRecentlyPlayedCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter]
    public DateTime? After { get; set; }

    [Parameter]
    public DateTime? Before { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void EndProcessing() =>
        WriteEach(() => Queries.RecentlyPlayed(new PlayQuery { Name = Name, After = After, Before = Before, First = First }));
}
