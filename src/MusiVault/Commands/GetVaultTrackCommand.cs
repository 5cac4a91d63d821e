using System.Management.Automation;
using MusiVault.Completers;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

/// <summary>
/// Lists tracks, episodes and local files from the vault. Parameter sets keep pipeline binding unambiguous: our own
/// objects (artists, albums, playlists, top items, ...) bind -InputObject by type first and list their related
/// tracks; other objects bind by property name: PlaylistId in the default set, Id (or TrackId) in the ById set.
/// </summary>
[Cmdlet(VerbsCommon.Get, "VaultTrack", DefaultParameterSetName = LibrarySet)]
[OutputType(typeof(VaultTrack))]
public sealed class GetVaultTrackCommand : VaultQueryCmdlet
{
    private const string LibrarySet = "Library";
    private const string ByIdSet = "ById";

    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultArtistCompleter))]
    public string? Artist { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(VaultAlbumCompleter))]
    public string? Album { get; set; }

    /// <summary>A playlist name (wildcards allowed), id, spotify:playlist: URI or open.spotify.com link.</summary>
    [Parameter(ParameterSetName = LibrarySet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VaultPlaylistCompleter))]
    public string? Playlist { get; set; }

    [Parameter(ParameterSetName = LibrarySet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? PlaylistId { get; set; }

    [Parameter]
    public SwitchParameter Liked { get; set; }

    /// <summary>Added after this time (liked, or to the playlist).</summary>
    [Parameter]
    [Alias("AddedAfter")]
    [DateTimeTransformation]
    public DateTime? After { get; set; }

    /// <summary>Added before this time.</summary>
    [Parameter]
    [Alias("AddedBefore")]
    [DateTimeTransformation]
    public DateTime? Before { get; set; }

    [Parameter]
    public SwitchParameter IncludeRemoved { get; set; }

    /// <summary>An object another MusiVault cmdlet wrote: lists its related tracks, or says why there are none.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RelatedSet)]
    public IVaultObject? InputObject { get; set; }

    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("TrackId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Point in time: the playlist or saved collection as it was then (a DateTime without a kind is local time).</summary>
    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        if (Playlist is not null && PlaylistId is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("Use -Playlist or -PlaylistId (from the pipeline), not both."),
                "PlaylistConflict", ErrorCategory.InvalidArgument, Playlist));
        }
        var playlist = Playlist ?? PlaylistId;
        if (playlist is not null && Liked)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Liked lists your Liked Songs; it cannot be combined with a playlist."),
                "LikedWithPlaylist", ErrorCategory.InvalidArgument, playlist));
        }
        var query = new TrackQuery
        {
            Name = Name,
            Artist = Artist,
            Album = Album,
            Playlist = playlist,
            Liked = Liked,
            AddedAfter = After,
            AddedBefore = Before,
            IncludeRemoved = IncludeRemoved,
            Ids = Id,
            AsOf = AsOf,
            First = First,
        };
        WriteEach(() => Queries.Tracks(InputObject is null ? query : VaultRelations.Tracks(query, InputObject), WriteWarning),
            "PlaylistNotFound", "PlaylistAmbiguous", "PlaylistLinkInvalid", "AsOfBeforeHistory", VaultRelations.NoRelationErrorId);
    }
}
