namespace MusiVault;

/// <summary>
/// What Restore-SpotifyPlaylist or Restore-SpotifyLibrary did (or, with -WhatIf, would do) for one playlist or one
/// collection: the target in Spotify, how many items were planned, added, already there, and skipped with reasons.
/// </summary>
public sealed class RestoreResult
{
    /// <summary>Playlist, LikedSongs, SavedAlbums, SavedShows, SavedEpisodes, FollowedPlaylists or FollowedArtists.</summary>
    public string Kind { get; set; } = "";
    /// <summary>What was restored: the vault playlist's name, the CSV file, or the collection.</summary>
    public string Source { get; set; } = "";
    /// <summary>The state restored: null for the vault's current state.</summary>
    public DateTimeOffset? AsOf { get; set; }
    public string? TargetId { get; set; }
    public string? TargetName { get; set; }
    public string? TargetUri { get; set; }
    /// <summary>Items the source holds that can be sent to Spotify (skipped ones not counted).</summary>
    public int Planned { get; set; }
    public int Added { get; set; }
    public int AlreadyPresent { get; set; }
    public RestoreSkip[] Skipped { get; set; } = [];
    public int SkippedCount => Skipped.Length;
    /// <summary>Write requests sent to Spotify (0 with -WhatIf).</summary>
    public int Requests { get; set; }
    /// <summary>True when nothing was written (-WhatIf).</summary>
    public bool WhatIf { get; set; }
}

/// <summary>One item a restore did not send, and why (local file, gone from Spotify, refused by Spotify...).</summary>
public sealed class RestoreSkip
{
    public int? Position { get; set; }
    public string? Uri { get; set; }
    public string? Name { get; set; }
    public string Reason { get; set; } = "";

    public override string ToString() => $"{Name ?? Uri}: {Reason}";
}
