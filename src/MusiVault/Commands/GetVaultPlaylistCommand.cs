using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultPlaylist")]
[OutputType(typeof(VaultPlaylist))]
public sealed class GetVaultPlaylistCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string? Name { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
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

    protected override void ProcessRecord() =>
        WriteEach(() => Queries.Playlists(new PlaylistQuery
        {
            Name = Name,
            Ids = Id,
            Owned = Owned,
            IncludeDeleted = IncludeDeleted,
            First = First,
        }));
}
