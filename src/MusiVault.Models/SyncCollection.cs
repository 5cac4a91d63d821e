namespace MusiVault;

/// <summary>The collections Sync-SpotifyLibrary reads (-Include / -Exclude).</summary>
public enum SyncCollection
{
    Profile,
    LikedSongs,
    Playlists,
    SavedAlbums,
    SavedShows,
    SavedEpisodes,
    FollowedArtists,
    TopItems,
    RecentlyPlayed,
    AudioFeatures,
    Images,
}
