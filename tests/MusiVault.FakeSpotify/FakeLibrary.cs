using System.Security.Cryptography;
using System.Text;

namespace MusiVault.FakeSpotify;

// The fake's content. Public and mutable so tests can compare a synced vault against it and shape edge cases by hand;
// take Library.SyncRoot when touching it while the server runs (FakeMutations does).

/// <summary>
/// An image. Its URL is https://i.scdn.co/image/{CdnId} like real ones, or the fake's own /_img/{Key}.jpg when
/// <see cref="FakeSpotifyOptions.ImagesOnFake"/> is set (both paths are served by the fake).
/// </summary>
public sealed record FakeImage(string Key, int? Width, int? Height)
{
    /// <summary>40 hex digits, shaped like Spotify's image ids.</summary>
    public string CdnId { get; } = "ab67616d0000" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Key)), 0, 14).ToLowerInvariant();
}

public sealed class FakeUser
{
    public required string Id { get; init; }
    public string? DisplayName { get; set; }
    public List<FakeImage> Images { get; } = [];
    public int Followers { get; set; }
    public string Uri => "spotify:user:" + Id;
}

public sealed class FakeArtist
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public List<string> Genres { get; } = [];
    public int Followers { get; set; }
    public int Popularity { get; set; }
    public List<FakeImage> Images { get; } = [];
    public string Uri => "spotify:artist:" + Id;
}

public sealed class FakeAlbum
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public string AlbumType { get; set; } = "album";
    public required string ReleaseDate { get; set; }
    public string ReleaseDatePrecision { get; set; } = "day";
    public string? Label { get; set; }
    public string? Upc { get; set; }
    public int Popularity { get; set; }
    public List<FakeArtist> Artists { get; } = [];
    public List<FakeImage> Images { get; } = [];
    /// <summary>The album's tracks in order (filled as tracks are generated).</summary>
    public List<FakeTrack> Tracks { get; } = [];
    public string Uri => "spotify:album:" + Id;
}

/// <summary>A track or an episode: what a playlist entry or a play points at.</summary>
public abstract class FakePlayable
{
    /// <summary>Null for local files.</summary>
    public string? Id { get; init; }
    public required string Name { get; set; }
    public long DurationMs { get; set; }
    public bool Explicit { get; set; }
    /// <summary>False once made unavailable: liked songs then carry is_playable false, playlist entries a null item.</summary>
    public bool IsPlayable { get; set; } = true;
    public abstract string Uri { get; }
    public abstract string Type { get; }
}

public sealed class FakeTrack : FakePlayable
{
    /// <summary>Null for local files.</summary>
    public FakeAlbum? Album { get; init; }
    public List<FakeArtist> Artists { get; } = [];
    public int DiscNumber { get; set; } = 1;
    public int TrackNumber { get; set; } = 1;
    public string? Isrc { get; set; }
    public int Popularity { get; set; }
    public bool IsLocal { get; init; }
    /// <summary>Local files only: the names the Spotify app read from the file's tags.</summary>
    public string? LocalArtistName { get; init; }
    public string? LocalAlbumName { get; init; }

    public override string Type => "track";

    public override string Uri => IsLocal
        ? $"spotify:local:{Plus(LocalArtistName)}:{Plus(LocalAlbumName)}:{Plus(Name)}:{DurationMs / 1000}"
        : "spotify:track:" + Id;

    private static string Plus(string? s) => System.Net.WebUtility.UrlEncode(s ?? string.Empty);
}

public sealed class FakeShow
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string Publisher { get; set; }
    public string Description { get; set; } = string.Empty;
    public bool Explicit { get; set; }
    public string MediaType { get; set; } = "audio";
    public List<FakeImage> Images { get; } = [];
    public List<FakeEpisode> Episodes { get; } = [];
    public string Uri => "spotify:show:" + Id;
}

public sealed class FakeEpisode : FakePlayable
{
    public required FakeShow Show { get; init; }
    public string Description { get; set; } = string.Empty;
    public required string ReleaseDate { get; set; }
    public List<FakeImage> Images { get; } = [];
    public override string Type => "episode";
    public override string Uri => "spotify:episode:" + Id;
}

public sealed class FakePlaylistEntry
{
    /// <summary>Null on some very old entries.</summary>
    public DateTimeOffset? AddedAt { get; set; }
    /// <summary>Null on very old entries; the user with an empty id is what Spotify sends for some null tracks.</summary>
    public FakeUser? AddedBy { get; set; }
    /// <summary>Null: the API returns a null item (removed content).</summary>
    public FakePlayable? Item { get; set; }
    public bool IsLocal => Item is FakeTrack { IsLocal: true };
}

public sealed class FakePlaylist
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    /// <summary>Spotify returns the description HTML-escaped; stored here as sent.</summary>
    public string? Description { get; set; }
    public required FakeUser Owner { get; set; }
    public bool Collaborative { get; set; }
    /// <summary>Null is what the API sends when the status "is not relevant".</summary>
    public bool? Public { get; set; }
    /// <summary>Users other than the owner allowed to edit (collaborators).</summary>
    public List<FakeUser> Collaborators { get; } = [];
    public List<FakeImage> Images { get; } = [];
    public int Followers { get; set; }
    public string? PrimaryColor { get; set; }
    public List<FakePlaylistEntry> Entries { get; } = [];
    /// <summary>Bumped by every change; <see cref="SnapshotId"/> follows it.</summary>
    public int Version { get; private set; } = 1;
    public string SnapshotId => MakeSnapshotId(Id, Version);
    public string Uri => "spotify:playlist:" + Id;

    /// <summary>Call after any change of name, details or entries.</summary>
    public void Touch() => Version++;

    public bool IsEditableBy(FakeUser user) =>
        Owner.Id == user.Id || Collaborators.Exists(c => c.Id == user.Id);

    private static string MakeSnapshotId(string id, int version)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id + "#" + version));
        // Spotify's snapshot ids are opaque base64 strings of about this length.
        return Convert.ToBase64String(hash, 0, 24);
    }
}

public sealed class FakeSaved<T>
    where T : class
{
    public required DateTimeOffset AddedAt { get; set; }
    public required T Item { get; set; }
}

public sealed class FakePlay
{
    public required DateTimeOffset PlayedAt { get; init; }
    public required FakeTrack Track { get; init; }
    /// <summary>A playlist or album URI, or null when played outside a context.</summary>
    public string? ContextUri { get; init; }
}

public static class TimeRanges
{
    public const string ShortTerm = "short_term";
    public const string MediumTerm = "medium_term";
    public const string LongTerm = "long_term";
    public static readonly IReadOnlyList<string> All = [ShortTerm, MediumTerm, LongTerm];
}

/// <summary>Everything the fake serves. Lists are in the order the API returns them (newest saved first).</summary>
public sealed class FakeLibrary
{
    /// <summary>Lock this while reading or changing the library from outside the server.</summary>
    public object SyncRoot { get; } = new();

    public required FakeUser Me { get; init; }
    public string Country { get; set; } = "SE";
    public string Email { get; set; } = "listener@example.invalid";
    public string Product { get; set; } = "premium";

    public List<FakeSaved<FakeTrack>> LikedTracks { get; } = [];
    /// <summary>The user's playlists in /me/playlists order (owned, collaborative and followed).</summary>
    public List<FakePlaylist> Playlists { get; } = [];
    public List<FakeSaved<FakeAlbum>> SavedAlbums { get; } = [];
    public List<FakeSaved<FakeShow>> SavedShows { get; } = [];
    public List<FakeSaved<FakeEpisode>> SavedEpisodes { get; } = [];
    public List<FakeArtist> FollowedArtists { get; } = [];
    public Dictionary<string, List<FakeArtist>> TopArtists { get; } = [];
    public Dictionary<string, List<FakeTrack>> TopTracks { get; } = [];
    /// <summary>Newest first.</summary>
    public List<FakePlay> RecentlyPlayed { get; } = [];

    // The catalog: everything that exists, saved or not (ids are keys).
    public Dictionary<string, FakeUser> Users { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeArtist> Artists { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeAlbum> Albums { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeTrack> Tracks { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeShow> Shows { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, FakeEpisode> Episodes { get; } = new(StringComparer.Ordinal);
    /// <summary>Every playlist, including ones the user unfollowed or never followed.</summary>
    public Dictionary<string, FakePlaylist> AllPlaylists { get; } = new(StringComparer.Ordinal);

    /// <summary>Bumped by every mutation.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The playable a track or episode URI names, or null.</summary>
    public FakePlayable? FindPlayable(string uri)
    {
        if (uri.StartsWith("spotify:track:", StringComparison.Ordinal))
        {
            return Tracks.GetValueOrDefault(uri["spotify:track:".Length..]);
        }

        if (uri.StartsWith("spotify:episode:", StringComparison.Ordinal))
        {
            return Episodes.GetValueOrDefault(uri["spotify:episode:".Length..]);
        }

        return null;
    }

    public FakePlaylist? FindFollowedPlaylist(string id) => Playlists.Find(p => p.Id == id);

    public LibrarySummary Summarize() => new(
        LikedTracks.Count,
        Playlists.Count,
        Playlists.Sum(p => p.Entries.Count),
        SavedAlbums.Count,
        SavedShows.Count,
        SavedEpisodes.Count,
        FollowedArtists.Count,
        RecentlyPlayed.Count,
        Tracks.Count,
        Version);
}

public sealed record LibrarySummary(
    int LikedTracks,
    int Playlists,
    int PlaylistEntries,
    int SavedAlbums,
    int SavedShows,
    int SavedEpisodes,
    int FollowedArtists,
    int RecentlyPlayed,
    int CatalogTracks,
    int Version);
