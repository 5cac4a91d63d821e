using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultArtist", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(VaultArtist))]
public sealed class GetVaultArtistCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultArtistCompleter))]
    public string? Name { get; set; }

    /// <summary>An object another MusiVault cmdlet wrote: lists what relates to it, or says why nothing can.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RelatedSet)]
    public IVaultObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = QuerySet)]
    [Alias("ArtistId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter]
    public SwitchParameter Followed { get; set; }

    [Parameter]
    public SwitchParameter IncludeRemoved { get; set; }

    /// <summary>Point in time: the playlist or saved collection as it was then (a DateTime without a kind is local time).</summary>
    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        var query = new ArtistQuery
        {
            Name = Name,
            Ids = Id,
            Followed = Followed,
            IncludeRemoved = IncludeRemoved,
            AsOf = AsOf,
            First = First,
        };
        WriteEach(() => Queries.Artists(InputObject is null ? query : VaultRelations.Artists(query, InputObject)), VaultRelations.NoRelationErrorId);
    }
}
