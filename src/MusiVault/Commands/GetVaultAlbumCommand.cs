using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultAlbum")]
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

    [Parameter(ValueFromPipelineByPropertyName = true)]
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

    protected override void ProcessRecord() =>
        WriteEach(() => Queries.Albums(new AlbumQuery
        {
            Name = Name,
            Artist = Artist,
            Ids = Id,
            Saved = Saved,
            IncludeRemoved = IncludeRemoved,
            AsOf = AsOf,
            First = First,
        }));
}
