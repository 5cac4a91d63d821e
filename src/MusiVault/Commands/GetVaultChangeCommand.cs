using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>The vault's history, newest first.</summary>
[Cmdlet(VerbsCommon.Get, "VaultChange")]
[OutputType(typeof(VaultChange))]
public sealed class GetVaultChangeCommand : VaultQueryCmdlet
{
    /// <summary>Changes observed at or after this time.</summary>
    [Parameter]
    [Alias("Since")]
    [DateTimeTransformation]
    public DateTime? After { get; set; }

    /// <summary>Changes observed before this time.</summary>
    [Parameter]
    [DateTimeTransformation]
    public DateTime? Before { get; set; }

    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultChangeKindCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Kind { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? EntityType { get; set; }

    /// <summary>Changes in (or to) a playlist: a name (wildcards allowed), id, URI or open.spotify.com link.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string? Playlist { get; set; }

    /// <summary>The changed item's name.</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void EndProcessing() =>
        WriteEach(() => Queries.Changes(new ChangeQuery
        {
            After = After,
            Before = Before,
            Kinds = Kind,
            EntityTypes = EntityType,
            Playlist = Playlist,
            Name = Name,
            First = First,
        }));
}
