using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultShow")]
[OutputType(typeof(VaultShow))]
public sealed class GetVaultShowCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ShowId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter]
    public SwitchParameter Saved { get; set; }

    [Parameter]
    public SwitchParameter IncludeRemoved { get; set; }

    /// <summary>Point in time: the playlist or saved collection as it was then (a DateTime without a kind is local time).</summary>
    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord() =>
        WriteEach(() => Queries.Shows(new ShowQuery
        {
            Name = Name,
            Ids = Id,
            Saved = Saved,
            IncludeRemoved = IncludeRemoved,
            AsOf = AsOf,
            First = First,
        }));
}
