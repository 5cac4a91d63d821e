namespace MusiVault.FakeSpotify;

/// <summary>How to start a fake Spotify service. Everything generated is a function of <see cref="Seed"/> and <see cref="Library"/>.</summary>
public sealed class FakeSpotifyOptions
{
    public int Seed { get; init; } = 7;

    public LibrarySpec Library { get; init; } = LibrarySpec.Small;

    /// <summary>Delay added to every /v1 and /api/token request (changeable later through <see cref="FakeFaults.LatencyMs"/>).</summary>
    public int LatencyMs { get; init; }

    /// <summary>Serve the pre-2026 shapes and endpoints (<c>tracks</c>/<c>track</c>, /playlists/{id}/tracks, popularity...).</summary>
    public bool LegacyShapes { get; init; }

    /// <summary>
    /// Image URLs point at the fake (http://127.0.0.1:PORT/_img/{key}.jpg) instead of https://i.scdn.co/image/{id}.
    /// Off by default so that stored data does not depend on the random port.
    /// </summary>
    public bool ImagesOnFake { get; init; }

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The one registered client id; null derives a 32-hex-digit id from the seed.</summary>
    public string? ClientId { get; init; }

    public int AccessTokenLifetimeSeconds { get; init; } = 3600;

    /// <summary>When set, endpoints answer 403 "Insufficient client scope" to tokens missing the documented scope.</summary>
    public bool EnforceScopes { get; init; } = true;

    /// <summary>Clock for token expiry; tests may pass a controllable one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>The size and shape of a generated library.</summary>
public sealed record LibrarySpec
{
    public int LikedTracks { get; init; } = 300;

    /// <summary>Playlists in /me/playlists, the special ones included.</summary>
    public int Playlists { get; init; } = 12;

    /// <summary>Entries over all playlists, the 10,000-entry playlist included when <see cref="IncludeHugePlaylist"/>.</summary>
    public int TotalEntries { get; init; } = 900;

    /// <summary>Adds one playlist of exactly <see cref="HugePlaylistEntries"/> entries.</summary>
    public bool IncludeHugePlaylist { get; init; }

    public int HugePlaylistEntries { get; init; } = 10_000;

    public int SavedAlbums { get; init; } = 25;
    public int SavedShows { get; init; } = 5;
    public int SavedEpisodes { get; init; } = 12;
    public int FollowedArtists { get; init; } = 45;

    /// <summary>Plays kept by /me/player/recently-played (Spotify keeps about the last 50).</summary>
    public int RecentlyPlayed { get; init; } = 50;

    /// <summary>Items per /me/top list and time range (Spotify caps these lists).</summary>
    public int TopItems { get; init; } = 50;

    /// <summary>Fast tests: about 300 liked songs and 12 playlists that cover every special case.</summary>
    public static LibrarySpec Small { get; } = new();

    /// <summary>The demo: about 2,000 tracks in 20 playlists.</summary>
    public static LibrarySpec Demo { get; } = new()
    {
        LikedTracks = 2_000,
        Playlists = 20,
        TotalEntries = 3_000,
        SavedAlbums = 60,
        SavedShows = 8,
        SavedEpisodes = 30,
        FollowedArtists = 120,
    };

    /// <summary>Benchmarks: 10,000 liked songs, 200 playlists, 40,000 entries of which one playlist holds 10,000.</summary>
    public static LibrarySpec Large { get; } = new()
    {
        LikedTracks = 10_000,
        Playlists = 200,
        TotalEntries = 40_000,
        IncludeHugePlaylist = true,
        SavedAlbums = 300,
        SavedShows = 20,
        SavedEpisodes = 100,
        FollowedArtists = 500,
    };

    public static LibrarySpec FromPreset(string name) => name.ToLowerInvariant() switch
    {
        "small" => Small,
        "demo" => Demo,
        "large" => Large,
        _ => throw new ArgumentException($"Unknown preset '{name}' (Small, Demo, Large).", nameof(name)),
    };
}
