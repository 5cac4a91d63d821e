using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultAlbum", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(VaultAlbum))]
public sealed class GetVaultAlbumCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultArtistCompleter))]
    public string? Artist { get; set; }

    /// <summary>An object another MusiVault cmdlet wrote: lists what relates to it, or says why nothing can.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RelatedSet)]
    public IVaultObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = QuerySet)]
    [Alias("AlbumId")]
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

    protected override void ProcessRecord()
    {
        var query = new AlbumQuery
        {
            Name = Name,
            Artist = Artist,
            Ids = Id,
            Saved = Saved,
            IncludeRemoved = IncludeRemoved,
            AsOf = AsOf,
            First = First,
        };
        WriteEach(() => Queries.Albums(InputObject is null ? query : VaultRelations.Albums(query, InputObject)), VaultRelations.NoRelationErrorId);
    }
}
