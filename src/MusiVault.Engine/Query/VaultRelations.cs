namespace MusiVault.Engine.Query;

/// <summary>
/// What a Get-Vault* cmdlet lists for an object piped into it: the query narrowed to the items related to that
/// object (an artist's tracks, an album's tracks, a show's episodes, a track's album). Where no relation makes
/// sense the answer is a <c>VaultNoRelation</c> error that names the cmdlet that does take the object, never an
/// empty result the user could mistake for "none".
/// </summary>
public static class VaultRelations
{
    public const string NoRelationErrorId = "VaultNoRelation";

    public static TrackQuery Tracks(TrackQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultTrack t => query with { Ids = [Key(t.Uri, t.Id, input)] },
            VaultEpisode e => query with { Ids = [e.Uri] },
            VaultPlay p => query with { Ids = [p.Uri] },
            VaultArtist a => query with { ArtistIds = [a.Id] },
            VaultAlbum a => query with { AlbumIds = [a.Id] },
            VaultPlaylist p => query with { Playlist = p.Id },
            VaultTopItem { Type: "Track" } ti => query with { Ids = [Key(ti.ItemKey, ti.Id, input)] },
            VaultTopItem ti => query with { ArtistIds = [Key(ti.Id, ti.ItemKey, input)] },
            VaultChange { EntityType: "track" or "episode" or "local" } c => query with { Ids = [c.EntityId] },
            VaultChange { EntityType: "artist" } c => query with { ArtistIds = [c.EntityId] },
            VaultChange { EntityType: "album" } c => query with { AlbumIds = [c.EntityId] },
            VaultChange { EntityType: "playlist" } c => query with { Playlist = c.EntityId },
            VaultShow => throw NoRelation(input, "tracks", "Get-VaultEpisode lists a show's episodes"),
            _ => throw NoRelation(input, "tracks", null),
        };
    }

    public static AlbumQuery Albums(AlbumQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultAlbum a => query with { Ids = [a.Id] },
            VaultTrack t => query with { TrackIds = [Key(t.Uri, t.Id, input)] },
            VaultPlay p => query with { TrackIds = [p.Uri] },
            VaultArtist a => query with { ArtistIds = [a.Id] },
            VaultTopItem { Type: "Track" } ti => query with { TrackIds = [Key(ti.ItemKey, ti.Id, input)] },
            VaultTopItem ti => query with { ArtistIds = [Key(ti.Id, ti.ItemKey, input)] },
            VaultChange { EntityType: "album" } c => query with { Ids = [c.EntityId] },
            VaultChange { EntityType: "track" } c => query with { TrackIds = [c.EntityId] },
            VaultChange { EntityType: "artist" } c => query with { ArtistIds = [c.EntityId] },
            VaultPlaylist => throw NoRelation(input, "albums", "Get-VaultTrack lists a playlist's tracks, each with its Album"),
            _ => throw NoRelation(input, "albums", null),
        };
    }

    public static ArtistQuery Artists(ArtistQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultArtist a => query with { Ids = [a.Id] },
            VaultTrack t => query with { TrackIds = [Key(t.Uri, t.Id, input)] },
            VaultPlay p => query with { TrackIds = [p.Uri] },
            VaultAlbum a => query with { AlbumIds = [a.Id] },
            VaultTopItem { Type: "Track" } ti => query with { TrackIds = [Key(ti.ItemKey, ti.Id, input)] },
            VaultTopItem ti => query with { Ids = [Key(ti.Id, ti.ItemKey, input)] },
            VaultChange { EntityType: "artist" } c => query with { Ids = [c.EntityId] },
            VaultChange { EntityType: "track" } c => query with { TrackIds = [c.EntityId] },
            _ => throw NoRelation(input, "artists", null),
        };
    }

    public static ShowQuery Shows(ShowQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultShow s => query with { Ids = [s.Id] },
            VaultEpisode { ShowId: { } showId } => query with { Ids = [showId] },
            VaultChange { EntityType: "show" } c => query with { Ids = [c.EntityId] },
            _ => throw NoRelation(input, "shows", null),
        };
    }

    public static EpisodeQuery Episodes(EpisodeQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultShow s => query with { ShowIds = [s.Id] },
            VaultEpisode e => query with { Ids = [e.Uri] },
            VaultTrack { Type: "episode" } t => query with { Ids = [Key(t.Uri, t.Id, input)] },
            VaultChange { EntityType: "episode" } c => query with { Ids = [c.EntityId] },
            VaultChange { EntityType: "show" } c => query with { ShowIds = [c.EntityId] },
            _ => throw NoRelation(input, "episodes", null),
        };
    }

    public static PlaylistQuery Playlists(PlaylistQuery query, IVaultObject input)
    {
        ArgumentNullException.ThrowIfNull(query);
        return input switch
        {
            VaultPlaylist p => query with { Ids = [p.Id] },
            VaultTrack { Playlist: not null } t => throw NoRelation(input, "playlists",
                $"the track came from playlist '{t.Playlist}': run Get-VaultPlaylist -Name '{t.Playlist}'"),
            VaultChange { PlaylistId: { } id } => query with { Ids = [id] },
            _ => throw NoRelation(input, "playlists", null),
        };
    }

    private static string Key(string? preferred, string? fallback, IVaultObject input) =>
        preferred ?? fallback ?? throw new MusiVaultException(NoRelationErrorId, ErrorKind.InvalidArgument,
            $"The {Describe(input)} has no id in the vault, so nothing can be looked up for it.", input);

    private static MusiVaultException NoRelation(IVaultObject input, string what, string? hint) =>
        new(NoRelationErrorId, ErrorKind.InvalidArgument,
            $"A {Describe(input)} has no related {what}{(hint is null ? "." : $": {hint}.")}", input);

    private static string Describe(IVaultObject input) => input switch
    {
        VaultTrack t => $"{t.Type} ('{t.Name}')",
        VaultArtist a => $"artist ('{a.Name}')",
        VaultAlbum a => $"album ('{a.Name}')",
        VaultPlaylist p => $"playlist ('{p.Name}')",
        VaultShow s => $"show ('{s.Name}')",
        VaultEpisode e => $"episode ('{e.Name}')",
        VaultTopItem ti => $"top {ti.Type.ToLowerInvariant()} ('{ti.Name}')",
        VaultChange c => $"change ({c.Kind} {c.EntityType})",
        _ => input.GetType().Name,
    };
}
