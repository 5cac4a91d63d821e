using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultPlaylist", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(VaultPlaylist))]
public sealed class GetVaultPlaylistCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string? Name { get; set; }

    /// <summary>An object another MusiVault cmdlet wrote: lists what relates to it, or says why nothing can.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RelatedSet)]
    public IVaultObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = QuerySet)]
    [Alias("PlaylistId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter]
    public SwitchParameter Owned { get; set; }

    [Parameter]
    public SwitchParameter IncludeDeleted { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        var query = new PlaylistQuery
        {
            Name = Name,
            Ids = Id,
            Owned = Owned,
            IncludeDeleted = IncludeDeleted,
            First = First,
        };
        WriteEach(() => Queries.Playlists(InputObject is null ? query : VaultRelations.Playlists(query, InputObject)), VaultRelations.NoRelationErrorId);
    }
}
