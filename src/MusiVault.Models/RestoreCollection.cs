namespace MusiVault;

/// <summary>What Restore-SpotifyLibrary can put back into an account.</summary>
public enum RestoreCollection
{
    LikedSongs,
    SavedAlbums,
    SavedShows,
    SavedEpisodes,
    FollowedPlaylists,
    FollowedArtists,
}
