namespace MusiVault.Engine.Vault;

/// <summary>Who told the vault about a play: the bits of the plays table's <c>source</c> column.</summary>
[Flags]
internal enum PlaySources
{
    None = 0,

    /// <summary>Spotify's recently-played endpoint (Sync-SpotifyLibrary).</summary>
    Api = 1,

    /// <summary>The privacy export's extended streaming history (end time to the second, URIs).</summary>
    ExtendedHistory = 2,

    /// <summary>The privacy export's account data (end time to the minute, names only).</summary>
    AccountData = 4,
}

/// <summary>What was played, as the plays table's play_items row holds it.</summary>
internal sealed record PlayItem(string Kind, string? Uri, string? Name, string? Artist, string? Album, string? Show, string? AudiobookUri)
{
    /// <summary>The URI, or the kind and upper-cased names when the source gave no URI.</summary>
    public string Key => Uri ?? NameKey(Kind, Kind == "track" ? Artist : Show, Name);

    public static string NameKey(string kind, string? artistOrShow, string? title) =>
        "names:" + kind + ":" + (artistOrShow ?? string.Empty).Trim().ToUpperInvariant() + "\u001F" + (title ?? string.Empty).Trim().ToUpperInvariant();
}

/// <summary>One play to store. Times are Unix milliseconds, UTC.</summary>
internal sealed class PlayRecord
{
    /// <summary>The 64-bit identity that makes a second write of the same play a no-op (see Import's PlayIdentity).</summary>
    public long Identity { get; set; }

    public long EndedAtMs { get; set; }

    public PlayItem? Item { get; set; }

    public long? MsPlayed { get; set; }

    public PlaySources Source { get; set; }

    public string? Platform { get; set; }

    public string? Country { get; set; }

    public string? ReasonStart { get; set; }

    public string? ReasonEnd { get; set; }

    public bool? Shuffle { get; set; }

    public bool? Skipped { get; set; }

    public bool? Offline { get; set; }

    public long? OfflineAtMs { get; set; }

    public bool? Incognito { get; set; }

    public string? ContextType { get; set; }

    public string? ContextUri { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    public string? Username { get; set; }
}

/// <summary>What storing one export play did.</summary>
internal enum PlayWriteResult
{
    Added,
    AlreadyPresent,

    /// <summary>The play was already stored from the API: the export's fields filled that row.</summary>
    MergedWithApi,

    /// <summary>An account-data play found its extended-history play: nothing stored twice.</summary>
    MatchedExtended,
}
